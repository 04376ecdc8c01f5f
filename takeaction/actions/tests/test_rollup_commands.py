"""The backfill builds the rollups of acts stored before them, resumably, and says how far
it is; the fold command folds what waits."""

import io

import pytest
from django.core.management import call_command

from takeaction.actions.folding import rollups_fold
from takeaction.actions.models import ActionEvent, FanFold
from takeaction.actions.reports import campaign_dashboard
from takeaction.actions.services import Act
from takeaction.actions.tests.factories import fan_acts
from takeaction.actions.tests.raw_figures import raw_figures, shown_figures
from takeaction.campaigns.tests.factories import CampaignFactory

pytestmark = pytest.mark.django_db

TALK = Act(verb="talk", outcome="talked_to_someone")
CALL = Act(verb="call", outcome="voicemail", target="A000001", state="TX")
SHARE = Act(verb="share", outcome="share_started", target="share:x")


def _stored_before_the_rollups(campaign, fans: int) -> None:
    """Acts as an existing database holds them: stored, never folded."""
    for n in range(fans):
        fan_acts(campaign, [TALK, CALL, SHARE][: 1 + n % 3])
    ActionEvent.objects.update(folded_at=None)


def _run(*args) -> str:
    out = io.StringIO()
    call_command(*args, stdout=out)
    return out.getvalue()


def test_the_backfill_folds_everything_and_resumes_where_it_stopped():
    campaign = CampaignFactory(ask="Please talk, call and share")
    _stored_before_the_rollups(campaign, 12)
    assert rollups_fold(limit=5) == 5  # a first run, stopped after one batch
    out = _run("rollups_backfill", "--batch", "4")
    assert "19 acts to fold" in out  # the 24 stored, less the 5 already folded
    assert "100.0%" in out and "folded 19 acts" in out and "0 waiting" in out
    assert not ActionEvent.objects.filter(folded_at__isnull=True).exists()
    shown = shown_figures(campaign_dashboard(campaign), campaign_dashboard(campaign, by="hour"))
    assert shown == raw_figures(campaign)
    assert "0 acts to fold" in _run("rollups_backfill")


def test_a_rebuild_folds_every_act_again_to_the_same_figures():
    campaign = CampaignFactory(ask="Please talk, call and share")
    _stored_before_the_rollups(campaign, 6)
    _run("rollups_backfill")
    before = campaign_dashboard(campaign)
    out = _run("rollups_backfill", "--rebuild")
    assert "12 acts to fold" in out
    assert campaign_dashboard(campaign) == before and FanFold.objects.count() == 6


def test_the_fold_command_folds_what_waits():
    campaign = CampaignFactory(ask="Please talk, call and share")
    _stored_before_the_rollups(campaign, 3)
    call_command("rollups_fold", "--batch", "2")
    assert not ActionEvent.objects.filter(folded_at__isnull=True).exists()
