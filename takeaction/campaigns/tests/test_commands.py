import pytest
from django.core.management import call_command

from takeaction.campaigns.models import Campaign

pytestmark = pytest.mark.django_db


def test_demo_load_prints_campaign_urls_and_is_idempotent(capsys):
    call_command("demo_load")
    call_command("demo_load")
    out = capsys.readouterr().out
    assert out.count("http://127.0.0.1:8000/c/families-belong-together/") == 2
    assert "http://127.0.0.1:8000/c/i-do-care/" in out
    assert Campaign.objects.count() == 2
