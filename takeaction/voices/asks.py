"""The calls to action a text makes of its reader, in order, and whom to call.

An ask is a verb in the imperative where a clause starts ("Please call…", "…, and
share this", "Llama a tu senador"): "she called the senator" is news, not an ask.
"""

import re
import unicodedata

# Every ask a statement may make; the first five map to what a fan can do here.
ASKS = (
    "tweet", "talk", "call", "post", "write", "donate", "share", "sign", "vote", "register",
    "march", "volunteer", "contact",
)  # fmt: skip
# Each ask, and the words that make it (English, then Spanish without accents).
_WORDS = {
    "register": ("register to vote", "register", "registrate", "registrense", "inscribete"),
    "tweet": ("tweet", "tuitea", "tuiteen"),
    "talk": (
        "talk to",
        "talk with",
        "talk",
        "tell your friends",
        "tell your family",
        "tell your neighbors",
        "tell a friend",
        "tell everyone",
        "tell someone",
        "speak with",
        "speak to",
        "habla",
        "hablen",
        "platica",
        "cuentale",
    ),
    "call": ("call", "phone", "give a call", "llama", "llamen", "llamale", "llamales"),
    "post": ("post", "publica", "publiquen"),
    "write": ("write", "email", "e-mail", "escribe", "escriban", "escribele", "escribeles"),
    "donate": ("donate", "give", "chip in", "dona", "donen", "aporta", "contribuye"),
    "share": (
        "share",
        "repost",
        "retweet",
        "spread the word",
        "pass it on",
        "comparte",
        "compartan",
        "difunde",
        "corre la voz",
    ),
    "sign": ("sign", "firma", "firmen"),
    "vote": ("vote", "vota", "voten"),
    "march": ("march", "join the march", "join us at the march", "marcha", "marchen"),
    "volunteer": ("volunteer", "sign up to volunteer", "hazte voluntario", "se voluntario"),
    "contact": ("contact", "reach out to", "contacta", "contacten", "ponte en contacto"),
}
# Where a clause starts: an ask follows one of these.
_LEAD = (
    r"(?:^|[.!?:;,—–\-(\n“\"«]\s*|\b(?:please|and|or|then|also|now|today|just|come|por favor|y|o|"
    r"tambien|hoy|ahora|luego)\s+)"
)
# A sentence that asks someone to act ("We are asking every supporter to contact…",
# "Pedimos a todos que llamen…"): there, an ask also follows "to" or "que".
_REQUEST = re.compile(
    r"\b(?:ask(?:s|ing|ed)?|urg(?:e|es|ing|ed)|encourag(?:e|es|ing|ed)|invit(?:e|es|ing|ed)|"
    r"call(?:s|ing)? on|want you|need you|pid(?:e|en|o)|pedimos|invita(?:mos|n)?|exhorta(?:mos|n)?|"
    r"llamamos a)\b",
    re.I,
)
_REQUESTED = {
    "done": "donate", "donen": "donate", "comparta": "share", "compartan": "share",
    "llame": "call", "llamen": "call", "firme": "sign", "firmen": "sign", "escriba": "write",
    "escriban": "write", "vote": "vote", "voten": "vote", "marche": "march", "marchen": "march",
    "contacte": "contact", "contacten": "contact", "se registre": "register",
    "se registren": "register", "participe": "march", "sea voluntario": "volunteer",
}  # fmt: skip
_ALTERNATIVES = sorted(
    ((word, ask) for ask, words in _WORDS.items() for word in words),
    key=lambda pair: -len(pair[0]),
)
_ASK = re.compile(
    _LEAD + r"(" + "|".join(re.escape(word) for word, _ in _ALTERNATIVES) + r")\b", re.I
)
# The first word of every ask: a sentence without one of them asks nothing, and a set
# look-up per word is far cheaper than the alternation above at every position.
_FIRST_WORDS = frozenset(word.split()[0].lower() for word, _ in _ALTERNATIVES)
_WORD = re.compile(r"[a-z]+(?:-[a-z]+)?")
_ASK_OF = {word: ask for word, ask in _ALTERNATIVES}
_REQUESTED_WORDS = sorted({*_ASK_OF, *_REQUESTED}, key=len, reverse=True)
_REQUESTED_ASK = re.compile(
    r"\b(?:to|que)\s+(" + "|".join(re.escape(w) for w in _REQUESTED_WORDS) + r")\b", re.I
)
_SENATE = re.compile(r"\bsenat(?:or|ors|e)\b|\bsenador(?:a|es|as)?\b", re.I)
_HOUSE = re.compile(
    r"\b(?:representative|congress(?:wo)?man|congressperson|house member|rep\.)(?!s)"
    r"|\brepresentante\b(?!s)",
    re.I,
)
_BOTH = re.compile(
    r"\b(?:members of congress|congress|your representatives|lawmakers|"
    r"congresistas|miembros del congreso|el congreso|tus representantes)\b",
    re.I,
)
# Verbs of TakeAction's five cards, for the asks that have one.
CARD_OF = {
    "tweet": "share", "post": "share", "share": "share", "talk": "talk", "call": "call",
    "contact": "call", "write": "write", "donate": "donate",
}  # fmt: skip


# Latin letters with accents to their base letter, one character for one.
_FOLD = {
    code: unicodedata.normalize("NFKD", chr(code))[0]
    for code in range(0xC0, 0x250)
    if unicodedata.normalize("NFKD", chr(code))[0].isascii()
}


def folded(text: str) -> str:
    """Without accents ("Llámale" as "Llamale"), the same length as the text."""
    return text if text.isascii() else text.translate(_FOLD)


def find_asks(text: str) -> tuple[list[str], str, str | None]:
    """The asks in order of first appearance, the sentence that makes the most, and whom
    in Congress they name: "senate", "house", "both", or None."""
    asks, best, best_count, asking = [], "", 0, []
    for sentence in re.split(r"(?<=[.!?])\s+|\n+", text):
        plain = folded(sentence)
        if _FIRST_WORDS.isdisjoint(_WORD.findall(plain.lower())):
            continue
        matches = [(m.start(1), m.group(1).lower()) for m in _ASK.finditer(plain)]
        if _REQUEST.search(plain):
            matches += [(m.start(1), m.group(1).lower()) for m in _REQUESTED_ASK.finditer(plain)]
        found = []
        for position, word in sorted(matches):
            if word == "march" and re.match(r"\s+\d", plain[position + 5 :]):
                continue  # March 4, the month
            ask = _ASK_OF.get(word) or _REQUESTED[word]
            if ask not in found:
                found.append(ask)
        for ask in found:
            if ask not in asks:
                asks.append(ask)
        if found:
            asking.append(sentence)
        if len(found) > best_count:
            best, best_count = sentence.strip(), len(found)
    return asks, best, _targets(" ".join(asking))


def _targets(joined: str) -> str | None:
    senate, house = bool(_SENATE.search(joined)), bool(_HOUSE.search(joined))
    if senate and house:
        return "both"
    if senate:
        return "senate"
    if house:
        return "house"
    return "both" if _BOTH.search(joined) else None
