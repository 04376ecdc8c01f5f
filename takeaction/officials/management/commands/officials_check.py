from django.core.management.base import BaseCommand, CommandError

from takeaction.officials.data_checks import named_facts, structural_facts
from takeaction.officials.models import DataVintage
from takeaction.officials.snapshot import current_snapshot


class Command(BaseCommand):
    help = "Print the loaded officials data's totals and check known facts against it."

    def add_arguments(self, parser):
        parser.add_argument(
            "--structural-only",
            action="store_true",
            help="Skip the named 119th-Congress facts (for other Congresses or partial data).",
        )

    def handle(self, *args, structural_only, **options):
        vintage = DataVintage.objects.first()
        if vintage is None:
            raise CommandError("No officials data is loaded. Run manage.py officials_sync first.")
        self.stdout.write(f"Data: {vintage}")
        for key, value in vintage.counts.items():
            self.stdout.write(f"  {key:<18} {value:>7}")
        self.stdout.write(f"  vacant seats: {', '.join(vintage.vacancies) or 'none'}")
        facts = structural_facts(current_snapshot())
        if not structural_only:
            facts += named_facts()
        failed = [fact for fact in facts if not fact.passed]
        for fact in facts:
            mark = self.style.SUCCESS("ok  ") if fact.passed else self.style.ERROR("FAIL")
            self.stdout.write(f"{mark} {fact.name}: {fact.detail}")
        if failed:
            raise CommandError(f"{len(failed)} of {len(facts)} checks failed.")
        self.stdout.write(self.style.SUCCESS(f"All {len(facts)} checks passed."))
