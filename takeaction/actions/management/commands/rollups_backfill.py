import sys
import time

from django.core.management.base import BaseCommand

from takeaction.actions.folding import rollups_fold, rollups_reset
from takeaction.actions.models import ActionEvent


class Command(BaseCommand):
    help = (
        "Build the rollups for the acts stored before them (after the migration that made "
        "them, or with --rebuild from scratch). Resumable: each batch commits, and a new run "
        "folds only what is left."
    )

    def add_arguments(self, parser):
        parser.add_argument("--batch", type=int, default=20_000, help="Acts per transaction.")
        parser.add_argument(
            "--rebuild",
            action="store_true",
            help="Empty the rollups and fold every act again (after changing TIME_ZONE).",
        )

    def handle(self, *args, **options):
        if options["rebuild"]:
            rollups_reset()
        batch = max(1, options["batch"])
        total = ActionEvent.objects.filter(folded_at__isnull=True).count()
        self.stdout.write(f"{total:,} acts to fold")
        began = time.monotonic()
        done = 0
        shown = 0.0
        waiting = ActionEvent.objects.filter(folded_at__isnull=True)
        while True:
            folded = rollups_fold(limit=batch)
            if not folded:
                if not waiting.exists():
                    break
                time.sleep(0.2)  # another fold holds the lock (PostgreSQL): let it finish
                continue
            done += folded
            now = time.monotonic()
            if now - shown >= 1 or done >= total:
                shown = now
                self._progress(min(done, total), total, now - began)
        if sys.stdout.isatty() and total:
            self.stdout.write("")
        left = ActionEvent.objects.filter(folded_at__isnull=True).count()
        self.stdout.write(
            self.style.SUCCESS(
                f"folded {done:,} acts in {time.monotonic() - began:.1f} s; {left:,} waiting"
            )
        )

    def _progress(self, done: int, total: int, seconds: float) -> None:
        share = done / total
        width = 30
        bar = "#" * round(share * width)
        rate = done / seconds if seconds else 0
        left = (total - done) / rate if rate else 0
        line = (
            f"[{bar:<{width}}] {share:6.1%}  {done:,}/{total:,}  {rate:,.0f} acts/s  "
            f"about {left:,.0f} s left"
        )
        ending = "\r" if sys.stdout.isatty() else "\n"
        self.stdout.write(line, ending=ending)
        self.stdout.flush()
