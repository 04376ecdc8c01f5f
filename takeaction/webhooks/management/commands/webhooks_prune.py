"""Delete old finished webhook deliveries from the log; safe to run from cron."""

import datetime

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from takeaction.webhooks.emitting import deliveries_prune


class Command(BaseCommand):
    help = (
        "Delete delivered, failed and cancelled webhook deliveries (with their attempts) that "
        "finished more than --days ago (default: WEBHOOKS_LOG_RETENTION_DAYS). Pending ones stay."
    )

    def add_arguments(self, parser):
        parser.add_argument("--days", type=int, default=None)

    def handle(self, *args, days=None, **options):
        days = settings.WEBHOOKS_LOG_RETENTION_DAYS if days is None else days
        if days < 1:
            raise CommandError("--days must be at least 1.")
        count = deliveries_prune(older_than=datetime.timedelta(days=days))
        noun = "delivery" if count == 1 else "deliveries"
        self.stdout.write(f"Deleted {count} finished {noun} older than {days} days.")
