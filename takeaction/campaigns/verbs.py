"""The five things a fan can do, and the order a statement asks for them.

"Please tweet, talk, call, post, write, donate" asks for sharing first, then
talking, calling, writing and giving. The page shows one card per verb in the
order the statement's ask names them; verbs it does not name follow in the
default order.
"""

import re
import unicodedata

from django.db import models
from django.utils.translation import gettext_lazy as _


class Verb(models.TextChoices):
    SHARE = "share", _("Post")
    TALK = "talk", _("Talk")
    CALL = "call", _("Call")
    WRITE = "write", _("Write")
    DONATE = "donate", _("Donate")


DEFAULT_ORDER: tuple[Verb, ...] = (Verb.SHARE, Verb.TALK, Verb.CALL, Verb.WRITE, Verb.DONATE)

# Words in an ask that name each verb (English and Spanish stems).
_VERB_WORDS: dict[Verb, tuple[str, ...]] = {
    Verb.SHARE: ("tweet", "post", "share", "retweet", "repost", "tuitea", "publica", "comparte"),
    Verb.TALK: ("talk", "tell", "speak", "habla", "cuenta"),
    Verb.CALL: ("call", "phone", "ring", "llama"),
    Verb.WRITE: ("write", "letter", "email", "e-mail", "escribe", "carta"),
    Verb.DONATE: ("donate", "give", "chip in", "dona", "contribuye"),
}
_PATTERNS = {
    verb: re.compile(r"\b(?:" + "|".join(re.escape(w) for w in words) + r")", re.IGNORECASE)
    for verb, words in _VERB_WORDS.items()
}


def _without_accents(text: str) -> str:
    """ "Llámales, escríbeles" as "Llamales, escribeles": Spanish imperatives with a pronoun
    take an accent the stems above don't have. Order is kept, which is all that is compared."""
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


def verbs_in_ask_order(ask: str) -> list[Verb]:
    """Return all verbs, those named in ``ask`` first in the order they first appear."""
    positions = {}
    folded = _without_accents(ask or "")
    for verb, pattern in _PATTERNS.items():
        match = pattern.search(folded)
        if match:
            positions[verb] = match.start()
    named = sorted(positions, key=positions.__getitem__)
    return named + [verb for verb in DEFAULT_ORDER if verb not in positions]
