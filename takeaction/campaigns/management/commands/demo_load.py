from django.conf import settings
from django.core.management.base import BaseCommand

from takeaction.campaigns.demo import DEMO_ORGANIZATION, demo_load, demo_organizer_login


class Command(BaseCommand):
    help = "Create or refresh the demo campaigns (idempotent) and print their addresses."

    def add_arguments(self, parser):
        parser.add_argument(
            "--organizer",
            action="store_true",
            help="Also give the demo organization an owner with a new password, and print it.",
        )

    def handle(self, *args, **options):
        campaigns = demo_load()
        self.stdout.write(self.style.SUCCESS(f"Loaded {len(campaigns)} demo campaigns:"))
        for campaign in campaigns:
            self.stdout.write(f"  {settings.SITE_URL}{campaign.get_absolute_url()}")
        if options["organizer"]:
            username, password = demo_organizer_login()
            self.stdout.write(
                f"Demo organizer (a new password each run): {username} / {password}\n"
                f"  log in at {settings.SITE_URL}/accounts/login/, then open "
                f"{settings.SITE_URL}/org/{DEMO_ORGANIZATION['slug']}/"
            )
