"""Fill call scripts and letters written with ``{placeholder}`` fields.

Organizers type these templates by hand, so a stray brace or an unknown name must
never break the page: unknown placeholders are left as typed.
"""

import re

from django.utils.translation import gettext as _

_PLACEHOLDER = re.compile(r"\{([a-z_]+)\}")


def fill_template(template: str, values: dict[str, str]) -> str:
    """Replace each ``{name}`` with ``values[name]``; leave anything else untouched."""

    def replace(match: re.Match) -> str:
        name = match.group(1)
        value = values.get(name)
        return match.group(0) if value in (None, "") else str(value)

    return _PLACEHOLDER.sub(replace, template or "")


def reader_placeholders() -> dict[str, str]:
    """What stands in for the fan's name and town until they type them."""
    return {"first_name": _("[your name]"), "city": _("[your town]")}


def fill_reader(text: str, *, first_name: str, city: str) -> str:
    """Put the fan's name and town into an edited letter where the placeholders remain."""
    for key, value in (("first_name", first_name), ("city", city)):
        if value.strip():
            text = text.replace(reader_placeholders()[key], value.strip())
    return text
