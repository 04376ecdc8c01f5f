"""The ``takeaction`` console command: Django's manage.py with TakeAction's defaults."""

import os
import sys


def main(argv: list[str] | None = None) -> int:
    """Run a Django management command (``takeaction migrate``, ``takeaction demo_load``...)."""
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.dev")
    from django.core.management import execute_from_command_line

    execute_from_command_line(argv if argv is not None else sys.argv)
    return 0
