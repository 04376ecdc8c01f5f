"""Quoted words in a text, and who said them.

Quotation marks: curly (“ ”), straight ("), and Spanish angle quotes (« »). A quote
may run over several paragraphs, English style: each paragraph opens the quote
again, and only the last one closes it. Its speaker is found around it: after it
(“…,” she said / “…,” said Maria Lopez), before it (Lopez responded, saying, “…”;
the mayor's spokeswoman, Dana Reyes, told the Ledger: “…”), or in the paragraph
that introduces it (She wrote on Instagram:). A pronoun, a surname or a role is
taken back to the last person named before it. A post signed "— Jane Doe, on
Instagram" is her quote, the signature left out.
"""

import re
from dataclasses import dataclass

from takeaction.voices.draft import Quote
from takeaction.voices.names import people

SPEECH_VERBS = (
    "said", "says", "wrote", "writes", "posted", "tweeted", "told", "added", "adds",
    "responded", "replied", "explained", "stated", "asked", "urged", "insisted", "noted",
    "declared", "announced", "warned", "continued", "shared", "saying", "writing", "captioned",
    "dijo", "escribió", "afirmó", "declaró", "publicó", "añadió", "agregó", "explicó",
    "aseguró", "señaló", "respondió", "comentó", "advirtió", "pidió", "tuiteó", "expresó",
    "dice", "escribe", "afirma", "asegura",
)  # fmt: skip
_SPEECH = "|".join(SPEECH_VERBS)
_PRONOUN = r"(?:she|he|they|ella|él|ellos|ellas)"
_OPENERS = {"“": "”", "«": "»", '"': '"'}
_AFTER_PRONOUN = re.compile(rf"^[\s,.;:—–-]*{_PRONOUN}\s+(?:{_SPEECH})\b", re.I)
_AFTER_VERB_NAME = re.compile(rf"^[\s,.;:—–-]*(?:{_SPEECH})\s+(.+)", re.I)
_AFTER_NAME_VERB = re.compile(rf"^[\s,.;:—–-]*(.+?)\s+(?:{_SPEECH})\b", re.I)
_SIGNATURE = re.compile(r"(?:^|\s)[—–-]{1,2}\s*([^\s—–-][^—–]{1,80})$")
_SENTENCE_END = re.compile(r"[.!?](?=\s|$)")
_TITLE_INTRO = re.compile(
    r"\b(?:titled|entitled|called|named|novel|book|film|movie|song|album|memoir|play|poem|"
    r"essay|op-ed|titulad[oa]|llamad[oa]|libro|novela|película|canción|poema)\s*$",
    re.I,
)


@dataclass
class _Span:
    paragraph: int
    start: int  # in its first paragraph, after the opening mark
    end_paragraph: int
    end: int  # in its last paragraph, at the closing mark
    text: str
    # The words ended with a comma inside the marks ("We will not stop,” said…).
    comma: bool = False


def find_quotes(paragraphs: list[str]) -> list[Quote]:
    """The quotes in these paragraphs, in order, with their speakers where found."""
    text, offsets = _joined(paragraphs)
    signed = _signed_post(paragraphs)
    if signed is not None:
        return [signed]
    quotes, last_paragraph = [], -1
    everyone = people(text)  # once: it is the costly part
    for span in _spans(paragraphs):
        before = paragraphs[span.paragraph][: span.start - 1]
        after = paragraphs[span.end_paragraph][span.end + 1 :]
        words = span.text.split()
        partial = _is_partial(before, span.text)
        if _TITLE_INTRO.search(before) or (partial and len(words) < 2):
            continue  # a scare quote or a title, nobody's words
        position = offsets[span.paragraph] + span.start
        speaker, how = _speaker(everyone, position, before, after, paragraphs, span)
        if speaker is None and not partial and quotes and span.paragraph == last_paragraph:
            # Unattributed words right after someone's quote in one paragraph: theirs.
            speaker, how = quotes[-1].speaker, "continued"
        quotes.append(Quote(span.text, speaker, partial, how))
        last_paragraph = span.end_paragraph
    return quotes


def _joined(paragraphs):
    offsets, position = [], 0
    for paragraph in paragraphs:
        offsets.append(position)
        position += len(paragraph) + 2
    return "\n\n".join(paragraphs), offsets


def _spans(paragraphs: list[str]) -> list[_Span]:
    spans = []
    current = None  # (first paragraph, start, closer, parts)
    for index, paragraph in enumerate(paragraphs):
        position = 0
        if current is not None:
            if paragraph[:1] in _OPENERS:  # the quote goes on in this paragraph
                position = 1
                current[3].append("")
            else:  # it was never closed: it ends with the paragraph before
                spans.append(_close(current, index - 1, len(paragraphs[index - 1])))
                current = None
        segment_start = position
        while position < len(paragraph):
            ch = paragraph[position]
            if current is None:
                if ch in _OPENERS and (ch != '"' or _opens(paragraph, position)):
                    current = (index, position + 1, _OPENERS[ch], [""])
                    segment_start = position + 1
            elif ch == current[2] or (current[2] == "”" and ch == '"'):
                current[3][-1] = paragraph[segment_start:position]
                spans.append(_close(current, index, position))
                current = None
            position += 1
        if current is not None:
            current[3][-1] = paragraph[segment_start:]
    if current is not None:
        spans.append(_close(current, len(paragraphs) - 1, len(paragraphs[-1])))
    return [span for span in spans if span.text]


def _close(current, end_paragraph: int, end: int) -> _Span:
    first, start, _closer, parts = current
    text = "\n\n".join(part.strip() for part in parts if part.strip())
    return _Span(first, start, end_paragraph, end, text.strip(" ,"), text.rstrip().endswith(","))


def _opens(paragraph: str, position: int) -> bool:
    """A straight quote opens when what is before it is a space or the paragraph's start."""
    before = paragraph[position - 1] if position else " "
    after = paragraph[position + 1] if position + 1 < len(paragraph) else " "
    return (before.isspace() or before in "([—–-:") and not after.isspace()


def _is_partial(before: str, quoted: str) -> bool:
    """Quoted words inside the writer's own sentence, not a whole utterance."""
    lead = before.rstrip()
    if not lead or lead[-1] in ':,—–-.!?”"»' or re.search(rf"\b(?:{_SPEECH})$", lead, re.I):
        return False
    return not quoted[:1].isupper() or len(quoted.split()) < 6


def _speaker(everyone, position, before, after, paragraphs, span):
    """Who said the quote at ``position``, and how that was found."""
    last_before = [name for start, name in everyone if start < position]

    def resolve(fragment: str, how: str):
        names = people(fragment)
        if names:
            return names[-1][1], how
        words = re.findall(r"[A-ZÁÉÍÓÚÑ][\w'’-]+", fragment)
        for word in reversed(words):
            for name in reversed(last_before):
                if name.split()[-1] == word:
                    return name, "surname"
        if re.search(rf"\b{_PRONOUN}\b", fragment, re.I) and last_before:
            return last_before[-1], "pronoun"
        return None, ""

    # After it, up to the end of that sentence: “…,” she said / said X / X said. Only
    # when the sentence goes on after the quote: “…” And Jane Lynch wrote is the next one.
    tail = _SENTENCE_END.split(after, maxsplit=1)[0][:160]
    goes_on = span.comma or tail.lstrip()[:1] in (",", "") or tail.lstrip()[:1].islower()
    if goes_on and _AFTER_PRONOUN.match(tail) and last_before:
        return last_before[-1], "pronoun"
    for pattern in (_AFTER_VERB_NAME, _AFTER_NAME_VERB) if goes_on else ():
        found = pattern.match(tail)
        if found:
            speaker, how = resolve(found.group(1), "name")
            if speaker:
                return speaker, how
    # Before it, in its sentence: X said, “…” / X responded, saying, “…” / She wrote: “…”.
    lead = re.split(r"(?<=[.!?])\s+", before)[-1] if before.strip() else ""
    if not lead.strip() and span.paragraph > 0 and paragraphs[span.paragraph - 1].endswith(":"):
        lead = re.split(r"(?<=[.!?])\s+", paragraphs[span.paragraph - 1])[-1]
    if lead.strip():
        speaker, how = resolve(lead, "name")
        if speaker:
            return speaker, "role" if "," in lead.split(speaker)[0] else how
    return None, ""


def _signed_post(paragraphs: list[str]) -> Quote | None:
    """A post that ends "— Jane Doe, on Instagram": her words, all of them."""
    last = paragraphs[-1]
    found = _SIGNATURE.search(last)
    if found is None:
        return None
    signature = found.group(1)
    names = people(signature)
    if not names or names[0][0] > 2:
        return None
    words = [*paragraphs[:-1], last[: found.start()].rstrip()]
    body = "\n\n".join(part for part in words if part).strip()
    if not body:
        return None
    return Quote(body.strip('“”"« »'), names[0][1], False, "signature")
