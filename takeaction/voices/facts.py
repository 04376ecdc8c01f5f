"""What else a statement names: where it was posted, outlets, figures, organizations,
websites, handles, hashtags and dates."""

import datetime
import re

from takeaction.voices.draft import DateMention, Figure
from takeaction.voices.names import (
    CAPITALIZED_RUN,
    capitalized_runs,
    is_organization,
    is_outlet,
    person_in,
)

_PLATFORMS = (
    ("instagram_story", r"\b(?:instagram|ig) stor(?:y|ies)\b|\bhistoria de instagram\b"),
    ("instagram_post", r"\binstagram\b"),
    ("x", r"\btwitter\b|\btweet(?:ed|s)?\b|\bon x\b|\bx post\b|\btuit(?:eó)?\b"),
    ("tiktok", r"\btiktok\b"),
    ("youtube", r"\byoutube\b"),
    ("facebook", r"\bfacebook\b"),
    ("threads", r"\bthreads\b"),
    ("bluesky", r"\bbluesky\b"),
    ("press", r"\bpress release\b|\bfor immediate release\b|\bin a statement\b|\bcomunicado\b"),
)
# An outlet's name after told…, in an interview with…, according to…
_OUTLET = re.compile(
    r"\b(?i:told|in an interview with|speaking to|speaking with|according to|reported by|"
    r"criticism to|said to|wrote in|dijo a|en una entrevista con|según|informó)\s+"
    r"(?:(?i:the|el|la)\s+)?(" + CAPITALIZED_RUN.pattern + ")"
)
# Capitalized after "to" or "according to" but not outlets.
_NOT_OUTLETS = {
    "Instagram", "IG", "Twitter", "TikTok", "YouTube", "Facebook", "Threads", "Bluesky", "Congress",
    "America", "Texas", "Washington", "Mexico", "México", "God", "Dios",
}  # fmt: skip
_NUMBER = r"(?:\d{1,3}(?:[,.]\d{3})+|\d+(?:[.,]\d+)?)"
_FIGURE = re.compile(
    r"(?:\b(?:more than|over|nearly|almost|about|around|roughly|at least|up to|fewer than|"
    r"less than|close to|más de|casi|cerca de|alrededor de|al menos|menos de|unos|unas)\s+)?"
    rf"(?:[$€£]\s?)?(?<![\w.,]){_NUMBER}"
    r"(?:\s?(?:%|percent|per cent|por ciento))?"
    r"(?:\s+(?:million|billion|thousand|millones|mil millones|mil))?"
    rf"(?:\s+(?:in|de cada)\s+{_NUMBER})?"
    r"(?:\s+(?:of\s+)?(?!(?:and|or|to|in|on|at|by|the|a|an|y|o|en|el|la|los|las|que|for|"
    r"from|de|del|is|are|was|were|has|have|had)\b)[a-záéíóúñ][\w-]*){0,2}",
    re.I,
)
_DIGIT = re.compile(r"\d")
_YEAR = re.compile(r"^(?:19|20)\d\d$")
_MONTHS = {
    "january": 1, "february": 2, "march": 3, "april": 4, "may": 5, "june": 6, "july": 7,
    "august": 8, "september": 9, "october": 10, "november": 11, "december": 12,
    "enero": 1, "febrero": 2, "marzo": 3, "abril": 4, "mayo": 5, "junio": 6, "julio": 7,
    "agosto": 8, "septiembre": 9, "octubre": 10, "noviembre": 11, "diciembre": 12,
}  # fmt: skip
_MONTH = "|".join(_MONTHS)
_DATE_MDY = re.compile(
    rf"\b(?=[adfjmnosADFJMNOS])({_MONTH})\.?\s+(\d{{1,2}})(?:st|nd|rd|th)?(?:,?\s+(\d{{4}}))?", re.I
)
_DATE_DMY = re.compile(rf"\b(\d{{1,2}})\s+(?:de\s+)?({_MONTH})(?:\s+(?:de\s+)?(\d{{4}}))?", re.I)
_DATE_ISO = re.compile(r"\b(\d{4})-(\d\d)-(\d\d)\b")
_RELATIVE = re.compile(
    r"\b(?=[ytloaehmYTLOAEHM])(?:yesterday|today|tonight|tomorrow|"
    r"last (?:week|month|year|night)|this (?:week|month)|"
    r"on (?:monday|tuesday|wednesday|thursday|friday|saturday|sunday)|ayer|hoy|mañana|"
    r"el (?:lunes|martes|miércoles|jueves|viernes|sábado|domingo)|la semana pasada)\b",
    re.I,
)
_SOURCE_AFTER = re.compile(
    r"\b(?:according to|as reported by|said|reported|estimates?|según|informó|reportó)\s+"
    r"((?:the\s+|el\s+|la\s+)?[\w.&'’ -]{1,60}?)"
    r"(?=[,.;:)]|$|\s+(?:said|reported|and|which|that)\b)",
    re.I,
)
_SOURCE_BEFORE = re.compile(
    r"((?:the\s+)?[A-Z][\w.&'’ -]{1,60}?)\s+(?:reported|estimates?|found|says|said|counted)\b"
)
_WEBSITE = re.compile(
    r"\b(?:https?://)?((?:[a-z0-9-]+\.)+(?:org|com|net|gov|edu|us|io|info|mx|es|co|ngo|app))"
    r"\b(/[^\s)\"”»,]*)?",
    re.I,
)
_HANDLE = re.compile(r"(?<![\w.@/])@[A-Za-z0-9_]{1,30}\b")
_HASHTAG = re.compile(r"(?<![\w&#/])#[^\W\d_][\w]*")


# Matched on the lowercased text: without IGNORECASE the scan is about twice as fast.
_PLATFORM = re.compile("|".join(f"(?P<{platform}>{pattern})" for platform, pattern in _PLATFORMS))


def find_platform(text: str) -> str | None:
    found, seen = [], set()
    for match in _PLATFORM.finditer(text.lower()):
        if match.lastgroup not in seen:
            seen.add(match.lastgroup)
            found.append((match.start(), match.lastgroup))
    if not found:
        return None
    social = [item for item in found if item[1] != "press"]
    found = sorted(social or found)
    # An Instagram story beats the plain "Instagram" it contains.
    first = found[0][1]
    if first == "instagram_post" and any(p == "instagram_story" for _, p in found):
        return "instagram_story"
    return first


def find_outlets(text: str, people: set[str]) -> list[str]:
    outlets = []
    for match in _OUTLET.finditer(text):
        name = match.group(1).rstrip(".,’'")
        name = name.removeprefix("The ").removeprefix("El ").removeprefix("La ")
        name = re.split(r"[’']s\b", name)[0]
        if is_organization(name) or name in people or (person_in(name) and not is_outlet(name)):
            continue
        if not is_outlet(name) and (len(name.split()) > 3 or name in _NOT_OUTLETS):
            continue
        if name and name not in outlets and len(name) > 1:
            outlets.append(name)
    return outlets


def find_figures(text: str) -> list[Figure]:
    figures = []
    for sentence in re.split(r"(?<=[.!?])\s+|\n+", text):
        if not _DIGIT.search(sentence):
            continue
        for match in _FIGURE.finditer(sentence):
            words = match.group(0).strip()
            number = re.search(_NUMBER, words).group(0)
            before = sentence[: match.start()].rstrip()
            if _YEAR.match(number) and not re.search(r"[$€£%]|percent|million", words, re.I):
                continue
            if re.search(rf"(?:{_MONTH})\.?$", before, re.I) or re.search(
                rf"^\d+\s+(?:de\s+)?(?:{_MONTH})", words, re.I
            ):
                continue  # a day of a month
            if re.search(r"[A-Z][\w]*$", before) and not re.search(r"[$€£]", words):
                continue  # "Fox 9", "District 12"
            figures.append(Figure(words, _figure_source(sentence, match)))
    return figures


def _figure_source(sentence: str, match) -> str | None:
    after = sentence[match.end() :]
    found = _SOURCE_AFTER.search(after) or _SOURCE_AFTER.search(sentence[: match.start()])
    if found:
        return found.group(1).strip()
    found = _SOURCE_BEFORE.search(sentence[: match.start()])
    return found.group(1).strip() if found else None


def find_organizations(text: str) -> list[str]:
    found = []
    # Headlines capitalize every word, so their runs are whole lines: the body names the
    # same organizations in running text.
    body = "\n".join(line for line in text.split("\n") if not _is_headline(line))
    for _start, run in capitalized_runs(body):
        name = run.removeprefix("The ").removeprefix("La ").removeprefix("El ")
        name = re.sub(r"^(?:According to|Según|Join|Support|Give to|Donate to)\s+", "", name)
        organization = is_organization(name) and not is_outlet(name)
        if organization and len(name.split()) >= 2 and name not in found:
            found.append(name)
    return found


_NAMED_SITE = re.compile(
    r"\b(?:the website|the site|website|el sitio(?: web)?|la página(?: web)?)\s+"
    r"((?:[A-Z][\w'’-]*[ \t]+){0,5}[A-Z][\w'’-]*)"
)


def _is_headline(line: str) -> bool:
    words = [w for w in re.findall(r"[^\W\d_][\w'’-]*", line) if len(w) > 3]
    if len(words) < 4 or line.rstrip().endswith((".", "!", "?", ":", "”", '"')):
        return False
    return sum(w[0].isupper() for w in words) >= 0.8 * len(words)


def find_websites(text: str) -> list[str]:
    found = [match.group(1) for match in _NAMED_SITE.finditer(text)]
    for match in _WEBSITE.finditer(text):
        if text[max(0, match.start() - 1) : match.start()] == "@":
            continue  # an e-mail address
        site = (match.group(1) + (match.group(2) or "")).rstrip("/.")
        if site not in found:
            found.append(site)
    return found


def find_handles(text: str) -> list[str]:
    return list(dict.fromkeys(_HANDLE.findall(_without_emails(text))))


def find_hashtags(text: str) -> list[str]:
    return list(dict.fromkeys(_HASHTAG.findall(text)))


def _without_emails(text: str) -> str:
    return re.sub(r"\b[\w.+-]+@[\w-]+\.[\w.]+", " ", text)


def find_dates(text: str, anchor: str | None) -> list[DateMention]:
    """Absolute dates, resolved (a missing year from the text's date), and relative ones."""
    year = int(anchor[:4]) if anchor else None
    mentions = []
    for match in _DATE_ISO.finditer(text):
        mentions.append((match.start(), DateMention(match.group(0), match.group(0))))
    for pattern, order in ((_DATE_MDY, "mdy"), (_DATE_DMY, "dmy")):
        for match in pattern.finditer(text):
            if order == "mdy":
                month, day, given = match.group(1), match.group(2), match.group(3)
            else:
                day, month, given = match.group(1), match.group(2), match.group(3)
            if month.lower() == "may" and order == "mdy" and not given and not day:
                continue
            mentions.append(
                (match.start(), DateMention(match.group(0), _iso(given, month, day, year)))
            )
    for match in _RELATIVE.finditer(text):
        mentions.append((match.start(), DateMention(match.group(0), None, True, anchor)))
    return [mention for _start, mention in sorted(mentions, key=lambda item: item[0])]


def _iso(year: str | None, month: str, day: str, default_year: int | None) -> str | None:
    try:
        chosen = int(year) if year else default_year
        if chosen is None:
            return None
        return datetime.date(chosen, _MONTHS[month.lower()], int(day)).isoformat()
    except (ValueError, KeyError):
        return None
