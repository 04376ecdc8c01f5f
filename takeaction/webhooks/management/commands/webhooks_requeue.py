"""Queue again the webhook deliveries that lost their task; safe to run from cron."""

from django.core.management.base import BaseCommand

from takeaction.webhooks.emitting import STUCK_AFTER, deliveries_requeue_stuck


class Command(BaseCommand):
    help = (
        f"Queue a new task for each pending webhook delivery overdue by {STUCK_AFTER}. "
        "Run it every few minutes beside the worker (docs/operations.md)."
    )

    def handle(self, *args, **options):
        count = deliveries_requeue_stuck()
        self.stdout.write(f"Queued {count} overdue deliver{'y' if count == 1 else 'ies'} again.")
