"""``manage.py voices_extract FILE [--json]``: print what a statement's draft holds."""

import json
import sys
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from takeaction.voices.extract import extract
from takeaction.voices.reading import MAX_BYTES


class Command(BaseCommand):
    help = "Read a post, statement or article (text or HTML; '-' for stdin) into a draft."

    def add_arguments(self, parser):
        parser.add_argument("file", help="The file to read, or - for standard input.")
        parser.add_argument("--json", action="store_true", help="Print the draft as JSON.")
        parser.add_argument("--date", help="The text's date (YYYY-MM-DD), for relative dates.")

    def handle(self, *args, **options):
        name = options["file"]
        try:
            if name == "-":
                data = sys.stdin.buffer.read(MAX_BYTES + 1)
            else:
                with Path(name).open("rb") as handle:
                    data = handle.read(MAX_BYTES + 1)
        except OSError as error:
            raise CommandError(f"Cannot read {name}: {error.strerror or error}") from error
        draft = extract(data, date=options.get("date"))
        if options["json"]:
            self.stdout.write(json.dumps(draft.as_json(), ensure_ascii=False, indent=2))
            return
        self.stdout.write(_summary(draft))


def _summary(draft) -> str:
    lines = [f"Language: {draft.language}"]
    for problem in draft.problems:
        lines.append(f"Note: {problem}")
    for number, quote in enumerate(draft.quotes, 1):
        who = quote.speaker or "(speaker not found)"
        kind = " (partial)" if quote.partial else ""
        lines.append(f"Quote {number}{kind}, {who}: {quote.text[:200]}")
    lines.append("Asks: " + (", ".join(draft.asks) or "none"))
    if draft.targets:
        lines.append(f"Targets: {draft.targets}")
    if draft.platform:
        lines.append(f"Platform: {draft.platform}")
    for label, values in (
        ("Outlets", draft.outlets),
        ("Organizations", draft.organizations),
        ("Websites", draft.websites),
        ("Handles", draft.handles),
        ("Hashtags", draft.hashtags),
    ):
        if values:
            lines.append(f"{label}: {', '.join(values)}")
    for figure in draft.figures:
        lines.append(
            f"Figure: {figure.text}" + (f" (source: {figure.source})" if figure.source else "")
        )
    return "\n".join(lines)
