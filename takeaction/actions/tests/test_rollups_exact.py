"""After the fold has caught up, every dashboard figure equals the same count over the rows.

A seeded random campaign: new and returning fans from posts and down referral
chains, every verb and outcome, double taps, flagged acts, opt-ins, erasures of a
fan's acts and of a person's sign-ups, over several days, with folds of random
sizes at random moments in between. Then each figure of the dashboard (whole, in
ranges, per day and per hour), the summary's tally and the rebuilt live counters
are compared with ``raw_figures``, which counts the rows one by one. Runs on
SQLite and, in CI, on PostgreSQL.
"""

import datetime
import random
from unittest import mock

import pytest
from django.contrib.auth import get_user_model
from django.utils import timezone

from takeaction.accounts.services import organization_create
from takeaction.actions.counters import counts_rebuild
from takeaction.actions.folding import rollups_fold, rollups_reset
from takeaction.actions.models import OUTCOMES_BY_VERB, ActionEvent, FanFold, Flag
from takeaction.actions.reports import campaign_dashboard, campaign_tally_between
from takeaction.actions.services import Act, action_record, campaign_acts_erase
from takeaction.actions.tests.raw_figures import raw_figures, shown_figures
from takeaction.campaigns.services import source_create
from takeaction.campaigns.tests.factories import CampaignFactory
from takeaction.campaigns.visits import source_visit_count
from takeaction.supporters.models import Person
from takeaction.supporters.services import PersonDetails, person_erase, person_signup

pytestmark = pytest.mark.django_db

STATES = ("NY", "CA", "TX", "PR", "ZZ", "")  # ZZ: not a jurisdiction, never on the map
TARGETS = ("A000001", "B000002", "custom:1")


class Clock:
    """``timezone.now`` for the scenario: moves forward by the minutes it is told."""

    def __init__(self, start: datetime.datetime):
        self.now = start

    def __call__(self) -> datetime.datetime:
        return self.now

    def advance(self, rng: random.Random) -> None:
        jump = rng.choice((0, 0, 1, 3, 11, 45, 200, 900))  # minutes; a few cross days
        self.now += datetime.timedelta(minutes=jump, seconds=rng.randint(0, 59))


def _act(rng: random.Random) -> Act:
    verb = rng.choice(("call", "call", "write", "talk", "share", "donate"))
    outcome = rng.choice(OUTCOMES_BY_VERB[verb]).value
    target = {
        "call": rng.choice(TARGETS),
        "write": rng.choice(TARGETS),
        "share": f"share:{rng.choice(('x', 'bluesky'))}",
        "donate": f"donation:{rng.randint(1, 2)}",
    }.get(verb, "")
    state = rng.choice(STATES) if verb in ("call", "write") else ""
    flag = rng.choice(Flag.values) if rng.random() < 0.12 else ""
    return Act(verb=verb, outcome=outcome, target=target, state=state, flag=flag)


def _scenario(clock, seed: int, campaign, codes, organization, steps: int) -> random.Random:
    """Acts, duplicates, folds, erasures and opt-ins, in a random order (``seed``)."""
    rng = random.Random(seed)
    fans = []  # (public id, supporter, source code, referrer code)
    last = {}
    for step in range(steps):
        roll = rng.random()
        if roll < 0.08:
            rollups_fold(limit=rng.randint(1, 25))
        elif roll < 0.11 and fans:
            public_id, supporter, *_ = fans.pop(rng.randrange(len(fans)))
            campaign_acts_erase(supporter=supporter, campaign=campaign)
        elif roll < 0.15:
            person, _ = person_signup(
                organization=organization,
                details=PersonDetails(email=f"fan{step}@example.org"),
                campaign=campaign,
            )
            if rng.random() < 0.3:
                person_erase(person=person)
        elif roll < 0.17:
            source_visit_count(source_id=campaign.sources.get(code=rng.choice(codes)).pk)
        else:
            again = fans and rng.random() < 0.75
            if again:
                public_id, supporter, source, referrer = rng.choice(fans)
            else:
                public_id, source, referrer = None, rng.choice([*codes, "", ""]), ""
                if fans and rng.random() < 0.3:
                    source, referrer = "", rng.choice(fans)[1].referral_code
            act = last.get(public_id) if again and rng.random() < 0.2 else _act(rng)
            recorded = action_record(
                campaign=campaign,
                public_id=public_id,
                act=act,
                source_code=source,
                referrer_code=referrer,
            )
            if recorded.new_supporter:
                public_id = str(recorded.supporter.public_id)
                fans.append((public_id, recorded.supporter, source, referrer))
            last[public_id] = act
        clock.advance(rng)
    return rng


def _fold_all() -> None:
    while rollups_fold(limit=37):
        pass


@pytest.fixture
def campaign_with_sources():
    owner = get_user_model().objects.create_user("o", "o@example.org", "o-pass-123456")
    organization = organization_create(name="Team", owner=owner)
    campaign = CampaignFactory(organization=organization, ask="Please talk, call, share, write")
    codes = [
        source_create(campaign=campaign, user=owner, name=name, platform="x", handle="").code
        for name in ("Story", "Reel", "Thread")
    ]
    return organization, campaign, codes


@pytest.mark.parametrize(
    ("seed", "zone"), [(1, "UTC"), (2, "UTC"), (3, "America/New_York"), (4, "Asia/Kolkata")]
)
def test_every_figure_equals_the_rows_after_the_fold(seed, zone, campaign_with_sources, settings):
    # Days are the site's days: a zone behind UTC, and one half an hour off the hour.
    settings.TIME_ZONE = zone
    organization, campaign, codes = campaign_with_sources
    start = timezone.now().replace(hour=20, minute=0) - datetime.timedelta(days=6)
    with mock.patch("django.utils.timezone.now", Clock(start)) as clock:
        rng = _scenario(clock, seed, campaign, codes, organization, steps=260)
        _fold_all()
        assert not ActionEvent.objects.filter(folded_at__isnull=True).exists()
        assert ActionEvent.objects.filter(flag="").exists()
        assert ActionEvent.objects.exclude(flag="").exists()
        first = timezone.localdate(start)
        last = timezone.localdate(timezone.now())
        ranges = [(None, None), (first, last), (None, first), (last, None)]
        for _ in range(4):
            a, b = sorted(first + datetime.timedelta(days=rng.randint(0, 7)) for _ in range(2))
            ranges.append((a, b))
        for since, until in ranges:
            dashboard = campaign_dashboard(campaign, since=since, until=until)
            hourly = campaign_dashboard(campaign, since=since, until=until, by="hour")
            expected = raw_figures(campaign, since=since, until=until)
            assert dashboard["as_of"] is None
            assert shown_figures(dashboard, hourly) == expected, (since, until)
            summary = campaign_tally_between(campaign, since, until)
            assert (summary.fans, summary.actions, summary.optins) == (
                expected["fans"],
                expected["total"],
                expected["optins"],
            )
        counts = counts_rebuild(campaign.pk)
        whole = raw_figures(campaign)
        assert (counts.fans, counts.actions, counts.optins) == (
            whole["fans"],
            whole["total"],
            whole["optins"],
        )
        assert counts.by_verb == whole["by_verb"] and counts.by_state == whole["by_state"]


def test_a_rebuild_from_scratch_gives_the_same_rollups(campaign_with_sources):
    organization, campaign, codes = campaign_with_sources
    with mock.patch("django.utils.timezone.now", Clock(timezone.now())) as clock:
        _scenario(clock, 7, campaign, codes, organization, steps=150)
        _fold_all()
        before = campaign_dashboard(campaign)
        rollups_reset()
        assert not FanFold.objects.exists()
        _fold_all()
        assert campaign_dashboard(campaign) == before


def test_erasing_a_fan_takes_every_figure_of_theirs_back(campaign_with_sources):
    _organization, campaign, codes = campaign_with_sources
    calls = [Act(verb="call", outcome="talked", target=t, state="NY") for t in TARGETS]
    talk = Act(verb="talk", outcome="talked_to_someone")
    share = Act(verb="share", outcome="share_started", target="share:x")
    first = action_record(campaign=campaign, public_id=None, act=calls[0], source_code=codes[0])
    public_id = str(first.supporter.public_id)
    for act in (calls[1], talk, share):
        action_record(campaign=campaign, public_id=public_id, act=act, source_code=codes[0])
    other = action_record(campaign=campaign, public_id=None, act=talk, source_code=codes[0])
    rollups_fold()
    # One more of theirs, not folded yet: it goes without ever being counted.
    action_record(campaign=campaign, public_id=public_id, act=calls[2], source_code=codes[0])
    before = campaign_dashboard(campaign)
    assert (before["total"], before["funnel"]["fans"], before["funnel"]["three_plus"]) == (5, 2, 1)
    assert campaign_acts_erase(supporter=first.supporter, campaign=campaign) == 5
    after = campaign_dashboard(campaign)
    assert (after["total"], after["funnel"]["fans"], after["funnel"]["three_plus"]) == (1, 1, 0)
    assert shown_figures(after, campaign_dashboard(campaign, by="hour")) == raw_figures(campaign)
    assert counts_rebuild(campaign.pk).actions == 1
    assert other.supporter.fan_folds.count() == 1 and not first.supporter.fan_folds.exists()


def test_a_fold_that_fails_midway_counts_nothing_twice(campaign_with_sources):
    organization, campaign, codes = campaign_with_sources
    with mock.patch("django.utils.timezone.now", Clock(timezone.now())) as clock:
        _scenario(clock, 11, campaign, codes, organization, steps=80)
    waiting = ActionEvent.objects.filter(folded_at__isnull=True).count()
    assert waiting
    # The rollups are written, then stamping the acts fails: the transaction is undone.
    with (
        mock.patch("takeaction.actions.folding._save_fans", side_effect=RuntimeError("killed")),
        pytest.raises(RuntimeError),
    ):
        rollups_fold()
    assert ActionEvent.objects.filter(folded_at__isnull=True).count() == waiting
    _fold_all()
    dashboard = campaign_dashboard(campaign)
    assert shown_figures(dashboard, campaign_dashboard(campaign, by="hour")) == raw_figures(
        campaign
    )


def test_the_dashboard_says_how_fresh_it_is_when_acts_wait(campaign_with_sources, monkeypatch):
    _organization, campaign, codes = campaign_with_sources
    talk = Act(verb="talk", outcome="talked_to_someone")
    recorded = action_record(campaign=campaign, public_id=None, act=talk, source_code=codes[0])
    # A read folds what waits: live.
    assert campaign_dashboard(campaign)["as_of"] is None
    # When it cannot (another fold holds the lock, or the database is busy), it says
    # since when acts are waiting.
    monkeypatch.setattr("takeaction.actions.rollups.rollups_fold", lambda **kwargs: 0)
    late = action_record(campaign=campaign, public_id=None, act=talk, source_code=codes[0])
    data = campaign_dashboard(campaign)
    assert data["as_of"] == late.event.created_at and data["total"] == 1
    assert recorded.event.created_at <= data["as_of"]
    assert Person.objects.count() == 0


def test_a_fan_whose_acts_name_two_sources_counts_for_both_in_a_range(campaign_with_sources):
    """Acts recorded by the service all carry the fan's first touch; rows written otherwise
    (an import, older data) may not. A range's figures stay those of the rows."""
    _organization, campaign, codes = campaign_with_sources
    talk = Act(verb="talk", outcome="talked_to_someone")
    recorded = action_record(campaign=campaign, public_id=None, act=talk, source_code=codes[0])
    ActionEvent.objects.create(
        campaign=campaign, supporter=recorded.supporter, verb="call", outcome="talked",
        target="A000001", source_code=codes[1],
    )  # fmt: skip
    action_record(campaign=campaign, public_id=None, act=talk, source_code=codes[1])
    _fold_all()
    today = timezone.localdate()
    shown = shown_figures(
        campaign_dashboard(campaign, since=today, until=today),
        campaign_dashboard(campaign, since=today, until=today, by="hour"),
    )
    expected = raw_figures(campaign, since=today, until=today)
    assert shown == expected
    assert expected["sources"][codes[1]]["fans"] == 2 and expected["fans"] == 2
