"""Fill call scripts and letters written with ``{placeholder}`` fields.

Organizers type these templates by hand, so a stray brace or an unknown name must
never break the page: unknown placeholders are left as typed.
"""

import re

_PLACEHOLDER = re.compile(r"\{([a-z_]+)\}")


def fill_template(template: str, values: dict[str, str]) -> str:
    """Replace each ``{name}`` with ``values[name]``; leave anything else untouched."""

    def replace(match: re.Match) -> str:
        name = match.group(1)
        value = values.get(name)
        return match.group(0) if value in (None, "") else str(value)

    return _PLACEHOLDER.sub(replace, template or "")
