import time

from django.core.management.base import BaseCommand
from django.db import DatabaseError, close_old_connections

from takeaction.actions.folding import BATCH, rollups_fold


class Command(BaseCommand):
    help = (
        "Fold new acts into the rollups the dashboard and the counters read. Once, or with "
        "--every, for ever (run one beside the web nodes; two are safe, see docs/counting.md)."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--every",
            type=float,
            default=0,
            metavar="SECONDS",
            help="Fold again this long after the queue was found empty (0: fold once, then stop).",
        )
        parser.add_argument("--batch", type=int, default=BATCH, help="Acts per transaction.")

    def handle(self, *args, **options):
        every, batch = options["every"], max(1, options["batch"])
        while True:
            try:
                folded = rollups_fold(limit=batch)
                while folded == batch:  # more are waiting: no pause
                    folded = rollups_fold(limit=batch)
            except DatabaseError as error:  # a restart or a lock timeout: try again soon
                self.stderr.write(f"fold failed, retrying: {error}")
                close_old_connections()
            if not every:
                return
            time.sleep(every)
