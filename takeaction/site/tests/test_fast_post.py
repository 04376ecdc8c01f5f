"""The WSGI layer answering the page script's action POSTs: Django's answers, without Django.

Every request here goes through a real WSGI call, with a real CSRF cookie and
token (never the test client's switched-off check). The same request is sent to
Django's own handler where the answers are compared.
"""

import http.cookies
import json
from dataclasses import dataclass
from urllib.parse import urlencode

import pytest
from django.core.cache import cache
from django.db import OperationalError, connection, connections
from django.middleware.csrf import get_token
from django.test import RequestFactory, override_settings
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from takeaction.actions.models import ActionEvent, Outcome
from takeaction.actions.services import Act, action_record
from takeaction.campaigns.models import Campaign
from takeaction.campaigns.selectors import campaign_get_for_action, campaign_rows_forget
from takeaction.campaigns.tests.factories import CampaignFactory
from takeaction.site.fast_post import FastActionApp
from takeaction.site.identity import SUPPORTER_COOKIE
from takeaction.site.tests.wsgi_apps import CountingDjango, comparable_headers, layered
from takeaction.supporters.models import Supporter

pytestmark = pytest.mark.django_db

# "elapsed": sent five seconds after the page loaded, as the page script says (docs/counting.md).
TALK = {"verb": "talk", "outcome": "talked_to_someone", "elapsed": "5000"}
JSON = "application/json"


@dataclass
class Answer:
    status: int
    headers: list[tuple[str, str]]
    body: bytes

    def json(self):
        return json.loads(self.body)

    def header(self, name: str) -> str | None:
        return next((v for k, v in self.headers if k.lower() == name.lower()), None)

    def comparable_headers(self) -> list[tuple[str, str]]:
        return comparable_headers(self.headers)


def call(app, environ) -> Answer:
    """One WSGI request, read to the end and closed, as granian does."""
    captured = {}

    def start_response(status, headers, exc_info=None):
        captured["status"], captured["headers"] = status, headers

    result = app(environ, start_response)
    try:
        body = b"".join(result)
    finally:
        if hasattr(result, "close"):
            result.close()
    return Answer(int(captured["status"].split()[0]), captured["headers"], body)


class Browser:
    """A fan's browser: its cookies, the CSRF token of a page it loaded, its requests."""

    def __init__(self, **headers):
        page = RequestFactory().get("/")
        self.token = get_token(page)
        self.cookies = {"csrftoken": page.META["CSRF_COOKIE"]}
        self.headers = {"Accept": JSON, **headers}

    def environ(
        self, data, *, slug="act", multipart=False, csrf_in="header", headers=(), **options
    ):
        """The WSGI environ of a POST: the page script's FormData, or urlencoded with a header."""
        factory = RequestFactory()
        factory.cookies.load(self.cookies)
        headers = {**self.headers, **dict(headers)}
        data = dict(data)
        if csrf_in == "header":
            headers["X-CSRFToken"] = self.token
        elif csrf_in == "form":
            data["csrfmiddlewaretoken"] = self.token
        path = options.pop("path", f"/c/{slug}/act/")
        method = options.pop("method", "post")
        if multipart or method != "post":
            request = getattr(factory, method)(path, data, headers=headers, **options)
        else:
            content_type = "application/x-www-form-urlencoded"
            request = factory.post(
                path, urlencode(data), content_type=content_type, headers=headers, **options
            )
        return request.environ

    def keep(self, answer: Answer) -> Answer:
        for name, value in answer.headers:
            if name == "Set-Cookie":
                morsel = next(iter(http.cookies.SimpleCookie(value).values()))
                self.cookies[morsel.key] = morsel.value
        return answer


@pytest.fixture
def campaign():
    return CampaignFactory(slug="act", ask="Please tweet, talk, call, write, donate.")


@pytest.fixture
def app(django_app):
    return FastActionApp(django_app)


def apps():
    return layered(FastActionApp)


# --- What it answers ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("multipart", "csrf_in"), [(True, "form"), (False, "header"), (True, "header")]
)
def test_the_scripts_post_is_answered_without_django(app, django_app, campaign, multipart, csrf_in):
    fan = Browser()
    answer = fan.keep(call(app, fan.environ(TALK, multipart=multipart, csrf_in=csrf_in)))
    assert django_app.calls == 0
    assert answer.status == 200
    assert answer.json() == {"ok": True, "counted": True, "duplicate": False}
    assert SUPPORTER_COOKIE in fan.cookies
    again = call(app, fan.environ(TALK, multipart=multipart, csrf_in=csrf_in))
    assert again.json() == {"ok": True, "counted": False, "duplicate": True}
    assert again.header("Set-Cookie") is None
    event = ActionEvent.objects.get()
    assert (event.verb, event.outcome, event.campaign) == ("talk", "talked_to_someone", campaign)
    assert django_app.calls == 0


@pytest.mark.django_db(transaction=True)
def test_the_row_is_committed_before_the_answer_is_sent():
    CampaignFactory(slug="act", ask="Please talk.")
    app = FastActionApp(CountingDjango())  # the request signals as in production
    captured = []

    def start_response(status, headers, exc_info=None):
        # Another connection, as another process would read it, when the answer starts.
        other = connections.create_connection("default")
        try:
            with other.cursor() as cursor:
                cursor.execute("SELECT count(*) FROM actions_actionevent")
                captured.append((status, cursor.fetchone()[0]))
        finally:
            other.close()

    result = app(Browser().environ(TALK), start_response)
    result.close()
    assert captured == [("200 OK", 1)]


def _parity_cases():
    secure = {"secure": True, "headers": {"Referer": "https://testserver/c/act/"}}
    return {
        "new fan": ({}, TALK, {}),
        "bad verb": ({}, {"verb": "dance", "outcome": "talked"}, {}),
        "honeypot": ({}, {**TALK, "website": "http://spam.example"}, {}),
        "too long": ({}, {**TALK, "target": "x" * 5000}, {}),
        "empty": ({}, {}, {}),
        "in Spanish": ({"Accept-Language": "es"}, {"verb": "call", "outcome": "sent"}, {}),
        "rate limited": ({"limit": 0}, TALK, {}),
        "https with HSTS": ({"hsts": 3600}, TALK, secure),
    }


@pytest.mark.parametrize(
    ("setup", "data", "options"), _parity_cases().values(), ids=list(_parity_cases())
)
def test_same_status_body_and_headers_as_django(
    campaign, wsgi_keeps_connection, setup, data, options
):
    setup = dict(setup)
    limit = setup.pop("limit", 1000)
    hsts = setup.pop("hsts", 0)
    with override_settings(ACTION_RATE_LIMIT_PER_MINUTE=limit, SECURE_HSTS_SECONDS=hsts):
        fast, django_app = apps()
        answers = []
        for handler in (django_app, fast):
            cache.clear()  # the same rate-limit window for both
            fan = Browser(**setup)
            answers.append(call(handler, fan.environ(data, **options)))
    from_django, from_fast = answers
    assert django_app.calls == 1  # the first request only: the layer answered the second
    assert from_fast.status == from_django.status
    assert from_fast.comparable_headers() == from_django.comparable_headers()
    if from_django.status == 200:
        assert (
            from_fast.json()
            == from_django.json()
            == {
                "ok": True,
                "counted": True,
                "duplicate": False,
            }
        )
    else:
        assert from_fast.body == from_django.body
    assert from_fast.header("Content-Security-Policy")
    assert from_fast.header("X-Content-Type-Options") == "nosniff"
    assert (from_fast.header("Strict-Transport-Security") is not None) == bool(hsts)


def test_a_duplicate_and_a_closed_campaign_answer_as_django(campaign, wsgi_keeps_connection):
    fast, django_app = apps()
    fan = Browser()
    fan.keep(call(fast, fan.environ(TALK)))
    answers = [call(handler, fan.environ(TALK)) for handler in (django_app, fast)]
    assert answers[0].body == answers[1].body and answers[0].status == answers[1].status == 200
    assert answers[0].comparable_headers() == answers[1].comparable_headers()
    Campaign.objects.filter(pk=campaign.pk).update(status=Campaign.Status.CLOSED)
    campaign_rows_forget(campaign.slug)  # as an edit through the service does
    answers = [call(handler, fan.environ(TALK)) for handler in (django_app, fast)]
    assert answers[0].status == answers[1].status == 410
    assert answers[0].body == answers[1].body
    assert answers[0].comparable_headers() == answers[1].comparable_headers()
    assert django_app.calls == 2
    assert ActionEvent.objects.count() == 1


@override_settings(ACTION_RATE_LIMIT_PER_MINUTE=2)
def test_rate_limit_gives_429_and_records_nothing_more(app, django_app, campaign):
    fan = Browser()
    statuses = [fan.keep(call(app, fan.environ(TALK))).status for _ in range(2)]
    over = call(app, fan.environ({"verb": "call", "outcome": "talked", "target": "custom:1"}))
    assert statuses == [200, 200] and over.status == 429
    assert "Too many actions" in over.json()["error"]
    assert ActionEvent.objects.count() == 1  # the second talk was a duplicate
    assert django_app.calls == 0


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"verb": "dance", "outcome": "talked"}, "Select a valid choice"),
        ({"verb": "call", "outcome": "talked", "target": "Z999999"}, "We don't know who that is"),
        ({}, "This field is required"),
    ],
)
def test_bad_input_gets_a_clear_400(app, django_app, campaign, data, message):
    answer = call(app, Browser().environ(data))
    assert answer.status == 400
    assert answer.json()["ok"] is False and message in answer.json()["error"]
    assert ActionEvent.objects.count() == 0 and Supporter.objects.count() == 0
    assert django_app.calls == 0


form_values = st.one_of(st.text(max_size=60), st.sampled_from(["talk", "call", "write", "", "x"]))


@settings(max_examples=40, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    data=st.dictionaries(
        st.sampled_from(["verb", "outcome", "target", "division", "next", "website"]),
        form_values,
    ),
    multipart=st.booleans(),
)
def test_any_post_is_answered_without_a_server_error(app, campaign, data, multipart):
    answer = call(app, Browser().environ(data, multipart=multipart))
    assert answer.status in (200, 400, 429)
    assert answer.json()["ok"] is (answer.status == 200)


def test_query_budget(app, django_app, campaign, django_assert_num_queries, settings):
    campaign_get_for_action(slug="act")  # the campaign row is cached, as after the first POST
    fan = Browser()
    # The rate limit: one upsert when its counts live in the database, none with Redis.
    limit = 1 if settings.RATE_LIMIT_STORE == "database" else 0
    # A new fan: the supporter and the event in one statement on PostgreSQL; on SQLite two
    # inserts, which the test's own transaction wraps in SAVEPOINT ... RELEASE.
    with django_assert_num_queries(limit + (1 if connection.vendor == "postgresql" else 4)):
        fan.keep(call(app, fan.environ(TALK)))
    # A double tap: the supporter locked, the de-dup check.
    with django_assert_num_queries(limit + 4):
        call(app, fan.environ(TALK))
    assert django_app.calls == 0


# --- What it leaves to Django ------------------------------------------------------------------


def _csrf_failures():
    return {
        "no token": {"csrf_in": None},
        "wrong token": {"token": "x" * 32},
        "no cookie": {"cookie": None},
        "token of another cookie": {"cookie": Browser().cookies["csrftoken"]},
        "foreign origin": {"headers": {"Origin": "https://evil.example"}},
        "https without referer": {"secure": True},
        "https from another site": {
            "secure": True,
            "headers": {"Referer": "https://evil.example/"},
        },
    }


@pytest.mark.parametrize("change", _csrf_failures().values(), ids=list(_csrf_failures()))
@pytest.mark.parametrize("multipart", [False, True])
@override_settings(ACTION_RATE_LIMIT_PER_MINUTE=1)
def test_csrf_failures_get_djangos_403_and_count_nothing(
    app, django_app, campaign, change, multipart
):
    fan = Browser()
    options = dict(change)
    fan.token = options.pop("token", fan.token)
    if "cookie" in options:
        fan.cookies.pop("csrftoken")
        if cookie := options.pop("cookie"):
            fan.cookies["csrftoken"] = cookie
    answer = call(app, fan.environ(TALK, multipart=multipart, **options))
    assert answer.status == 403 and b"CSRF" in answer.body  # Django's own failure page
    assert django_app.calls == 1
    assert ActionEvent.objects.count() == 0
    # Nothing was counted against the rate limit (1 a minute): a good request still passes.
    assert call(app, Browser().environ(TALK)).status == 200


@pytest.mark.parametrize(
    ("what", "status"),
    [
        ("unknown campaign", 404),
        ("draft campaign", 404),
        ("plain form post", 303),
        ("session cookie", 200),
        ("GET", 405),
        ("disallowed host", 400),
    ],
)
def test_requests_it_does_not_answer_reach_django_intact(app, django_app, campaign, what, status):
    CampaignFactory(slug="draft", status=Campaign.Status.DRAFT)
    fan = Browser()
    slug, options = "act", {}
    if what == "unknown campaign":
        slug = "nope"
    elif what == "draft campaign":
        slug = "draft"
    elif what == "plain form post":
        fan.headers["Accept"] = "text/html"
    elif what == "session cookie":
        fan.cookies["sessionid"] = "a" * 32
    elif what == "GET":
        options["method"] = "get"
    elif what == "disallowed host":
        options["headers"] = {"Host": "evil.example"}
    # A form-field token: Django can only find it if the layer handed the body on intact.
    answer = call(app, fan.environ(TALK, slug=slug, multipart=True, csrf_in="form", **options))
    assert answer.status == status
    assert django_app.calls == 1
    assert ActionEvent.objects.count() == (1 if status in (200, 303) else 0)


@override_settings(SECURE_SSL_REDIRECT=True)
def test_plain_http_is_redirected_by_django(campaign, wsgi_keeps_connection):
    fast, django_app = apps()
    answer = call(fast, Browser().environ(TALK))
    assert answer.status == 301 and answer.header("Location").startswith("https://")
    assert django_app.calls == 1 and ActionEvent.objects.count() == 0


def test_with_other_middleware_the_layer_stays_off(campaign, wsgi_keeps_connection, settings):
    settings.MIDDLEWARE = [*settings.MIDDLEWARE, "django.middleware.gzip.GZipMiddleware"]
    fast, django_app = apps()
    assert fast.middleware is None
    assert call(fast, Browser().environ(TALK)).status == 200
    assert django_app.calls == 1


def test_the_served_application_has_the_layer_on():
    from config.wsgi import application

    layers = []
    while application is not None:
        layers.append(type(application).__name__)
        if isinstance(application, FastActionApp):
            assert application.middleware is not None
        application = getattr(application, "application", None)
    assert layers == ["LanguagePathsApp", "FastPageApp", "FastActionApp", "WSGIHandler"]


def test_a_returning_fan_on_another_campaign_is_recorded(app, campaign):
    other = CampaignFactory(slug="other", ask="Please talk.")
    fan = Browser()
    fan.keep(call(app, fan.environ(TALK, slug="other")))
    answer = call(app, fan.environ(TALK))
    assert answer.json() == {"ok": True, "counted": True, "duplicate": False}
    assert ActionEvent.objects.filter(campaign=other).count() == 1
    assert Supporter.objects.count() == 1


def test_an_error_after_the_checks_is_djangos_500(app, django_app, campaign, monkeypatch):
    def broken(**kwargs):
        raise RuntimeError("the database went away")

    monkeypatch.setattr("takeaction.site.action_views.action_record", broken)
    answer = call(app, Browser().environ(TALK))
    assert answer.status == 500 and answer.header("X-Frame-Options") == "DENY"
    assert django_app.calls == 0


def test_first_touch_from_the_cookie_and_a_skip_then_a_call(app, campaign):
    friend = Supporter.objects.create()
    fan = Browser()
    fan.keep(call(app, fan.environ(TALK)))
    event = ActionEvent.objects.get()
    assert (event.source_code, event.referrer_code) == ("", "")
    skip = Act(verb="call", outcome=Outcome.SKIPPED, target="X")
    action_record(campaign=campaign, public_id=str(event.supporter.public_id), act=skip)
    made = Act(verb="call", outcome=Outcome.TALKED, target="X")
    recorded = action_record(
        campaign=campaign,
        public_id=str(event.supporter.public_id),
        act=made,
        referrer_code=friend.referral_code,  # a later link does not replace the first touch
    )
    assert recorded.created and recorded.event.referrer_code == ""


def test_a_database_outage_is_a_503_with_retry_after_and_counts_nothing(app, django_app, campaign):
    def database_down(execute, sql, params, many, context):
        raise OperationalError("server closed the connection unexpectedly")

    with connection.execute_wrapper(database_down):
        answer = call(app, Browser().environ(TALK))
    assert answer.status == 503 and answer.header("Retry-After")
    assert answer.json()["ok"] is False  # from the layer or from Django, the same answer
    assert ActionEvent.objects.count() == 0
