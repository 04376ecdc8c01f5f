"""``extract(data)``: a pasted post, statement or article read into a ``Draft``.

Rule-based, no network and no model: see each module for what it reads.
"""

import re

from takeaction.voices import asks, facts, quotes
from takeaction.voices.draft import Draft
from takeaction.voices.reading import read

_SPANISH_WORDS = re.compile(
    r"\b(?:el|la|los|las|que|por|para|con|una|del|es|está|están|llama|comparte|niños|"
    r"también|según|dijo|favor)\b",
    re.I,
)
_ENGLISH_WORDS = re.compile(
    r"\b(?:the|and|that|with|for|is|are|was|please|call|share|said|children|your)\b", re.I
)


def extract(data: bytes | str, *, date: str | None = None) -> Draft:
    """Read ``data``; never raises on what it is given: problems are said in the draft."""
    reading = read(data)
    if reading.problem:
        return Draft(problems=[reading.problem])
    text = reading.text
    anchor = date or reading.date
    found_quotes = quotes.find_quotes(reading.paragraphs)
    found_asks, sentence, targets = asks.find_asks(text)
    speakers = {quote.speaker for quote in found_quotes if quote.speaker}
    draft = Draft(
        language=_language(text),
        quotes=found_quotes,
        asks=found_asks,
        ask_sentence=sentence[:300],
        targets=targets,
        platform=facts.find_platform(text),
        outlets=facts.find_outlets(text, speakers),
        figures=facts.find_figures(text),
        organizations=facts.find_organizations(text),
        websites=facts.find_websites(text),
        handles=facts.find_handles(text),
        hashtags=facts.find_hashtags(text),
        dates=facts.find_dates(text, anchor),
    )
    if not found_quotes:
        draft.problems.append("No quoted words were found: the whole text may be the statement.")
    return draft


def _language(text: str) -> str:
    spanish, english = len(_SPANISH_WORDS.findall(text)), len(_ENGLISH_WORDS.findall(text))
    return "es" if spanish > english else "en"
