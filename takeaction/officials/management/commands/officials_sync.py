import sys

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from takeaction.officials.services import SyncFailed, officials_sync


class Command(BaseCommand):
    help = (
        "Load members of Congress, ZIP codes and district boundaries from a source: "
        "'upstream' (the public URLs), a mirror URL, or a local directory."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--source",
            default=settings.OFFICIALS_SOURCE,
            help="Directory, mirror URL or 'upstream' (default: OFFICIALS_SOURCE).",
        )
        parser.add_argument(
            "--partial",
            action="store_true",
            help="Accept data for only some states (skip the whole-country totals).",
        )
        parser.add_argument(
            "--force", action="store_true", help="Reload even if the data is unchanged."
        )

    def _progress(self, step: str, done: int, total: int) -> None:
        if self.stdout.isatty():
            width = 24
            filled = width * done // total
            bar = "#" * filled + "-" * (width - filled)
            self.stdout.write(f"\r[{bar}] {done}/{total} {step:<12}", ending="")
            if done == total:
                self.stdout.write("")
        else:
            self.stdout.write(f"{step}...")

    def handle(self, *args, source, partial, force, **options):
        try:
            report = officials_sync(
                source=source, partial=partial, force=force, progress=self._progress
            )
        except SyncFailed as failure:
            for problem in failure.problems:
                self.stderr.write(f"  {problem}")
            raise CommandError(
                f"Officials data not loaded from {source}: {failure}. "
                "The data already loaded (if any) is still serving."
            ) from failure
        vintage = report.vintage
        if not report.changed:
            self.stdout.write(f"Officials data unchanged ({vintage}); nothing to do.")
            return
        for warning in report.warnings:
            self.stdout.write(f"  warning: {warning}")
        counts = ", ".join(f"{key} {value}" for key, value in vintage.counts.items())
        self.stdout.write(self.style.SUCCESS(f"Loaded {vintage}: {counts}"))
        if vintage.vacancies:
            self.stdout.write(f"Vacant seats: {', '.join(vintage.vacancies)}")
        sys.stdout.flush()
