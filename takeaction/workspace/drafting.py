"""From a statement's reading (``voices``) to the fields of a draft campaign.

The surfaces are the only place that knows both apps: ``voices`` reads the text,
``campaigns`` keeps the campaign, and this turns the one into the other. Texts the
statement does not hold (the call script, the letter, the share texts, the talking
points) are written from its ask in the statement's language, to be edited: every
field filled here is listed in ``Campaign.drafted["fields"]`` until the organizer
changes it.
"""

import re

from takeaction.campaigns.models import Campaign, Platform
from takeaction.campaigns.statement import handle_of, platform_of
from takeaction.voices.asks import CARD_OF
from takeaction.voices.draft import Draft

_PLATFORMS = {choice.value for choice in Platform}
_TARGETS = {
    "senate": Campaign.Targets.SENATE,
    "house": Campaign.Targets.HOUSE,
    "both": Campaign.Targets.BOTH,
}
# "…tell them to protect clean water", "…urge Congress to pass the bill": what is asked for.
_GOAL = re.compile(
    r"\b(?:tell|ask|urge|demand|telling|asking|urging)\s+(?:them|him|her|congress|"
    r"your \w+(?: \w+)?|lawmakers|their \w+)\s+(?:to|that they)\s+([^.!?\n]{3,140})"
    r"|\b(?:dile|dígale|diles|pídele|pídeles|exige)\s+(?:que|a)\s+([^.!?\n]{3,140})",
    re.I,
)
_TEXTS = {
    "en": {
        "call": (
            "Hello, my name is {first_name} and I live in {city}. I'm calling to ask "
            "{official_title} {official_name} to {goal}. Can I count on {official_title} "
            "{official_name} to act? Thank you for your time."
        ),
        "subject": "Please {goal}",
        "letter": (
            "Dear {official_title} {official_name},\n\n"
            "I am writing as your constituent from {city} to ask you to {goal}.\n\n"
            "{reason}This matters to me, and I ask you to use your vote and your voice on it.\n\n"
            "Sincerely,\n{first_name}"
        ),
        "share": "Ask {whom} with me to {goal}. It takes two minutes:",
        "share_after": "I just asked {whom} to {goal}. It takes two minutes:",
        "whom": {"senate": "our senators", "house": "our representative", "both": "Congress"},
        "summary": "{speaker} asks you to {goal}.",
        "points": "Congress can act: a call takes two minutes, and offices count every call.",
        "goal": "act on this",
        "reason": "{speaker} said it plainly: “{excerpt}”\n\n",
    },
    "es": {
        "call": (
            "Hola, me llamo {first_name}, vivo en {city} y soy parte de su electorado. Llamo "
            "para pedirle a {official_name} que {goal}. ¿Puedo contar con que actúe? "
            "Gracias por su tiempo."
        ),
        "subject": "Por favor, {goal}",
        "letter": (
            "{official_title} {official_name}:\n\n"
            "Le escribo desde {city}, como parte de su electorado, para pedirle que {goal}.\n\n"
            "{reason}Esto me importa, y le pido que use su voto y su voz.\n\n"
            "Atentamente,\n{first_name}"
        ),
        "share": "Pídele conmigo a {whom} que {goal}. Son dos minutos:",
        "share_after": "Acabo de pedirle a {whom} que {goal}. Son dos minutos:",
        "whom": {
            "senate": "nuestros senadores",
            "house": "nuestro representante",
            "both": "el Congreso",
        },
        "summary": "{speaker} te pide que {goal}.",
        "points": (
            "El Congreso puede actuar: una llamada dura dos minutos y cada oficina las cuenta."
        ),
        "goal": "actúe",
        "reason": "{speaker} lo dijo claro: “{excerpt}”\n\n",
    },
}


def campaign_fields_from_draft(
    draft: Draft, *, title: str = "", speaker_name: str = "", url: str = ""
) -> tuple[str, dict, dict]:
    """The title, the campaign's fields, and the ``drafted`` record, for a new draft."""
    language = draft.language if draft.language in _TEXTS else "en"
    words = _TEXTS[language]
    main = _main_quote(draft, speaker_name)
    speaker = speaker_name or (main.speaker if main else "") or ""
    # Braces would read as placeholders in the script and the letter.
    goal = (_goal(draft) or words["goal"]).replace("{", "(").replace("}", ")")
    title = title or _title(goal, draft)
    platform = draft.platform if draft.platform in _PLATFORMS else platform_of(url)
    cards = {CARD_OF[ask] for ask in draft.asks if ask in CARD_OF}
    whom = words["whom"].get(draft.targets or "both", words["whom"]["both"])
    excerpt = _excerpt(main.text).replace("{", "(").replace("}", ")") if main else ""
    reason = words["reason"].format(speaker=speaker, excerpt=excerpt) if excerpt else ""
    fields = {
        "language": language,
        "quote": main.text if main else draft.ask_sentence,
        "ask": draft.ask_sentence[:300],
        "speaker_name": speaker[:120] or "—",
        "speaker_handle": handle_of(url) or "",
        "platform": platform,
        "statement_url": url,
        "posted_on": next((d.date for d in draft.dates if d.date and not d.relative), None),
        "issue_summary": _summary(draft, words, speaker, goal),
        "call_targets": _TARGETS.get(draft.targets or "", Campaign.Targets.BOTH),
        "call_script": words["call"].replace("{goal}", goal),
        "letter_subject": words["subject"].format(goal=goal)[:200],
        "letter_body": words["letter"].replace("{goal}", goal).replace("{reason}", reason),
        "share_text": words["share"].format(whom=whom, goal=goal)[:280],
        "share_text_after": words["share_after"].format(whom=whom, goal=goal)[:280],
        "talking_points": "\n".join(_points(draft, words)),
        # Only what the statement asks for; nothing asked for: every card, to choose from.
        **{f"{card}_enabled": (card in cards) or not cards for card in CARD_OF.values()},
    }
    drafted_names = [
        name
        for name in (
            "title", "quote", "ask", "speaker_name", "platform", "posted_on", "issue_summary",
            "call_targets",
            "call_script", "letter_subject", "letter_body", "share_text", "share_text_after",
            "talking_points", "share_enabled", "talk_enabled", "call_enabled",
            "write_enabled", "donate_enabled",
        )
        if name != "speaker_name" or not speaker_name
    ]  # fmt: skip
    record = {
        "fields": drafted_names,
        "asks": draft.asks,
        "quotes": [{"text": q.text[:500], "speaker": q.speaker} for q in draft.quotes[:12]],
        "figures": [{"text": f.text, "source": f.source} for f in draft.figures[:12]],
        "organizations": draft.organizations[:12],
        "websites": draft.websites[:12],
        "problems": draft.problems,
    }
    return title, fields, record


def _main_quote(draft: Draft, speaker_name: str):
    """The statement: the named speaker's first whole quote, else the first whole quote."""
    whole = [q for q in draft.quotes if not q.partial] or draft.quotes
    if speaker_name:
        wanted = speaker_name.casefold().split()
        for quote in whole:
            if quote.speaker and quote.speaker.casefold().split()[-1:] == wanted[-1:]:
                return quote
    counts = {}
    for quote in whole:
        if quote.speaker:
            counts[quote.speaker] = counts.get(quote.speaker, 0) + 1
    if counts:
        speaker = max(counts, key=counts.get)
        return next(q for q in whole if q.speaker == speaker)
    return whole[0] if whole else None


def _goal(draft: Draft) -> str:
    """What the ask asks for, as a verb phrase ("protect clean water"), if it says."""
    for quote in [draft.ask_sentence, *(q.text for q in draft.quotes)]:
        found = _GOAL.search(quote or "")
        if found:
            goal = (found.group(1) or found.group(2)).strip(" ,;:")
            return re.split(r"\s+(?:and|y)\s+(?:share|comparte|call|llama)\b", goal)[0]
    return ""


def _title(goal: str, draft: Draft) -> str:
    if goal and goal not in ("act on this", "actúe"):
        return goal[:1].upper() + goal[1:80]
    return (draft.ask_sentence or "New campaign")[:80]


def _excerpt(text: str) -> str:
    """The quote's first sentence or two, up to about 200 characters."""
    sentences = re.split(r"(?<=[.!?])\s+", " ".join(text.split()))
    excerpt = ""
    for sentence in sentences:
        if excerpt and len(excerpt) + len(sentence) > 200:
            break
        excerpt = f"{excerpt} {sentence}".strip()
    return excerpt[:240]


def _summary(draft: Draft, words: dict, speaker: str, goal: str) -> str:
    """Two sentences to start from: a figure the text gives, and what the speaker asks."""
    lines = []
    for figure in draft.figures[:1]:
        source = f" ({figure.source})" if figure.source else ""
        lines.append(f"{figure.text[:1].upper()}{figure.text[1:]}{source}.")
    if speaker:
        lines.append(words["summary"].format(speaker=speaker, goal=goal))
    return " ".join(lines)


def _points(draft: Draft, words: dict) -> list[str]:
    points = []
    for figure in draft.figures[:3]:
        source = f" ({figure.source})" if figure.source else ""
        points.append(f"{figure.text[:1].upper()}{figure.text[1:]}{source}.")
    points.append(words["points"])
    return points
