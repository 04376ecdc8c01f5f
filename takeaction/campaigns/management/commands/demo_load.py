from django.conf import settings
from django.core.management.base import BaseCommand

from takeaction.campaigns.demo import demo_load


class Command(BaseCommand):
    help = "Create or refresh the demo campaigns (idempotent) and print their addresses."

    def handle(self, *args, **options):
        campaigns = demo_load()
        self.stdout.write(self.style.SUCCESS(f"Loaded {len(campaigns)} demo campaigns:"))
        for campaign in campaigns:
            self.stdout.write(f"  {settings.SITE_URL}{campaign.get_absolute_url()}")
