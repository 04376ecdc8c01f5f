"""How long after its page loaded a form was sent: a signed stamp, or the page script's measure.

A person reads before they act; a script that fetches a form and posts it at once
does not. Pages rendered for one fan carry ``issued``, the server's signed time of
rendering. Answers cached for everyone (the lookup answer) cannot carry a time of
their own, so the page script fills ``elapsed``, milliseconds since the page
loaded, when the fan sends the form. Neither proves a person: a determined script
can wait, or write any ``elapsed`` it likes (docs/counting.md says so); together
they only keep a careless bot's acts out of the counts.
"""

import contextlib
import time

from django.core import signing

_SIGNER = signing.Signer(salt="takeaction.core.timing")


def page_stamp() -> str:
    """The signed time of now, for a form's ``issued`` field."""
    return _SIGNER.sign(str(int(time.time() * 10)))


def seconds_since_load(issued: str, elapsed: str) -> float | None:
    """The least of the form's measures of its age in seconds, or None if it has none.

    A stamp that does not verify and an ``elapsed`` that is not a whole number of
    milliseconds are no measure.
    """
    measures = []
    if issued:
        with contextlib.suppress(signing.BadSignature, ValueError):
            measures.append(time.time() - int(_SIGNER.unsign(issued)) / 10)
    if elapsed:
        try:
            milliseconds = int(elapsed)
        except ValueError:
            milliseconds = -1
        if 0 <= milliseconds < 10**12:
            measures.append(milliseconds / 1000)
    return min(measures) if measures else None
