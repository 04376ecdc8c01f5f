"""The WSGI layer answers stored public pages without entering Django, as Django would.

Every request is a real WSGI call. Where answers are compared, the same environ
goes to Django's own handler and to the layer in front of it.
"""

import http.cookies
import io
from dataclasses import dataclass
from wsgiref.util import setup_testing_defaults

import pytest
from django.core.cache import cache
from django.http import HttpResponse
from django.test import Client, RequestFactory, override_settings
from django.urls import resolve
from hypothesis import HealthCheck, given
from hypothesis import settings as hypothesis_settings
from hypothesis import strategies as st

from takeaction.campaigns.models import Source, SourceVisit
from takeaction.campaigns.tests.factories import CampaignFactory, CampaignTranslationFactory
from takeaction.campaigns.visits import source_visits_flush
from takeaction.core.language_paths import LanguagePathsApp
from takeaction.site import fastpage
from takeaction.site.fastpage import FastPageApp, FastPageMiddleware
from takeaction.site.identity import read_attribution
from takeaction.site.tests.wsgi_apps import comparable_headers, layered

pytestmark = pytest.mark.django_db


@dataclass
class Answer:
    status: str
    headers: list[tuple[str, str]]
    body: bytes

    def header(self, name: str) -> str | None:
        return next((v for k, v in self.headers if k.lower() == name.lower()), None)

    def comparable_headers(self) -> list[tuple[str, str]]:
        return comparable_headers(self.headers)


def environ(path="/c/fast/", method="GET", query="", *, host="127.0.0.1", **extra):
    """A WSGI environ; ``host=None`` leaves out the Host header (SERVER_NAME is used)."""
    env = {
        "REQUEST_METHOD": method,
        "PATH_INFO": path,
        "QUERY_STRING": query,
        "SERVER_NAME": "127.0.0.1",
        "wsgi.input": io.BytesIO(b""),
    }
    if host is not None:
        env["HTTP_HOST"] = host
    env.update(extra)
    setup_testing_defaults(env)
    return env


def call(app, env) -> Answer:
    """One WSGI request, read to the end and closed, as granian does."""
    captured = {}

    def start_response(status, headers, exc_info=None):
        captured["status"], captured["headers"] = status, list(headers)

    result = app(env, start_response)
    try:
        body = b"".join(result)
    finally:
        if hasattr(result, "close"):
            result.close()
    return Answer(captured["status"], captured["headers"], body)


def _request(app, path, method="GET", query="", **extra):
    answer = call(app, environ(path, method, query, **extra))
    return answer.status, dict(answer.headers), answer.body


@pytest.fixture
def app(django_app):
    return FastPageApp(django_app)


def apps():
    return layered(FastPageApp)


# --- What it answers ---------------------------------------------------------------------------


def test_second_request_is_served_without_django_with_the_same_headers(app, django_app):
    campaign = CampaignFactory(slug="fast", title="Fast page")
    first = _request(app, "/c/fast/")
    second = _request(app, "/c/fast/")
    assert django_app.calls == 1
    assert first[0] == second[0] == "200 OK"
    assert second[2] == first[2] and b"Fast page" in second[2]
    for header in ("Content-Security-Policy", "X-Frame-Options", "Cache-Control", "Content-Type"):
        assert second[1][header] == first[1][header], header
    assert second[1]["Content-Length"] == str(len(second[2]))
    assert campaign.pk


def test_head_gets_headers_and_no_body(app, django_app):
    CampaignFactory(slug="fast")
    _request(app, "/c/fast/")
    status, headers, body = _request(app, "/c/fast/", method="HEAD")
    assert django_app.calls == 1
    assert status == "200 OK" and body == b"" and int(headers["Content-Length"]) > 0


def test_a_host_with_its_port_is_served_from_the_copy(app, django_app):
    CampaignFactory(slug="fast")
    _request(app, "/c/fast/")
    assert _request(app, "/c/fast/", host="localhost:8000")[0] == "200 OK"
    assert _request(app, "/c/fast/", host=None, SERVER_PORT="8000")[0] == "200 OK"
    assert django_app.calls == 1


def test_each_language_gets_its_own_copy_with_its_content_language(app, django_app):
    CampaignFactory(slug="fast")
    spanish = {"HTTP_ACCEPT_LANGUAGE": "es-MX,es;q=0.9"}
    assert _request(app, "/c/fast/", **spanish)[1]["Content-Language"] == "es"
    english = _request(app, "/c/fast/", HTTP_ACCEPT_LANGUAGE="en-US")
    assert django_app.calls == 2  # the Spanish copy is not the English answer
    assert english[1]["Content-Language"] == "en"
    assert english[1]["Vary"] == "Accept-Language"
    assert _request(app, "/c/fast/", **spanish)[1]["Content-Language"] == "es"
    by_cookie = _request(app, "/c/fast/", HTTP_COOKIE="django_language=es")
    assert by_cookie[1]["Content-Language"] == "es"
    assert django_app.calls == 2


@override_settings(SECURE_HSTS_SECONDS=3600)
def test_an_https_copy_is_not_served_over_plain_http(wsgi_keeps_connection):
    CampaignFactory(slug="fast")
    app, django_app = apps()
    assert (
        "Strict-Transport-Security" in _request(app, "/c/fast/", **{"wsgi.url_scheme": "https"})[1]
    )
    assert "Strict-Transport-Security" not in _request(app, "/c/fast/")[1]
    assert django_app.calls == 2
    assert (
        "Strict-Transport-Security" in _request(app, "/c/fast/", **{"wsgi.url_scheme": "https"})[1]
    )
    assert django_app.calls == 2


def test_an_edit_drops_the_stored_page(app, django_app, django_capture_on_commit_callbacks):
    campaign = CampaignFactory(slug="fast", title="Before")
    _request(app, "/c/fast/")
    _request(app, "/c/fast/", HTTP_ACCEPT_LANGUAGE="es", **{"wsgi.url_scheme": "https"})
    with django_capture_on_commit_callbacks(execute=True):
        campaign.title = "After"
        campaign.save()
    _, _, body = _request(app, "/c/fast/")
    _, _, spanish = _request(
        app, "/c/fast/", HTTP_ACCEPT_LANGUAGE="es", **{"wsgi.url_scheme": "https"}
    )
    assert django_app.calls == 4 and b"After" in body and b"After" in spanish


# --- What it leaves to Django ------------------------------------------------------------------


def test_other_query_strings_and_other_methods_always_reach_django(app, django_app):
    CampaignFactory(slug="fast")
    _request(app, "/c/fast/")
    for query in ("utm_source=x", "src=a&src=b", "src=story&page=2", "q"):
        _request(app, "/c/fast/", query=query)
    status, _, _ = _request(app, "/c/fast/", method="POST")
    assert django_app.calls == 6
    assert status.startswith(("403", "405"))  # CSRF refuses it before the view can


def _cookies(headers: dict | list) -> dict:
    jar = http.cookies.SimpleCookie()
    for name, value in headers if isinstance(headers, list) else headers.items():
        if name.lower() == "set-cookie":
            jar.load(value)
    return jar


@pytest.mark.parametrize(
    ("query", "cookie"),
    [
        ("src=ig-story", ""),
        ("r=friend_42", ""),
        ("src=ig-story&r=friend_42", ""),
        ("src=", ""),
        ("src=%3Cscript%3E", ""),  # not a code: no cookie, as Django
        ("src=later", "ta_attr_fast=already"),  # first touch wins (a bad one is replaced)
    ],
)
def test_a_landing_is_answered_here_with_djangos_cookie(app, django_app, query, cookie):
    CampaignFactory(slug="fast", title="Fast page")
    _request(app, "/c/fast/")  # stored
    extra = {"HTTP_COOKIE": cookie} if cookie else {}
    fast = call(app, environ("/c/fast/", query=query, **extra))
    assert django_app.calls == 1  # answered by the layer
    django = call(django_app.handler, environ("/c/fast/", query=query, **extra))
    assert fast.status == django.status and fast.body == django.body
    without_cookies = [h for h in fast.comparable_headers() if h[0].lower() != "set-cookie"]
    assert without_cookies == [
        h for h in django.comparable_headers() if h[0].lower() != "set-cookie"
    ]
    ours, theirs = _cookies(fast.headers), _cookies(django.headers)
    assert set(ours) == set(theirs)
    for name in ours:
        for attribute in ("path", "max-age", "httponly", "samesite", "secure"):
            assert ours[name][attribute] == theirs[name][attribute]
        request = RequestFactory().get("/", HTTP_COOKIE=f"{name}={ours[name].value}")
        assert read_attribution(request, "fast") == read_attribution(
            RequestFactory().get("/", HTTP_COOKIE=f"{name}={theirs[name].value}"), "fast"
        )


LOOKUPS = [
    "zip=10001&fragment=1",
    "fragment=1&zip=10001",  # the same pairs in another order: the same copy
    "zip=10013&fragment=1&for=write",  # a split ZIP's choice, for a letter
    "state=NY&district=10&fragment=1",
    "district=12&fragment=1&state=NY",  # 10001's district: the copy its ZIP made
    "zip=12ab&fragment=1",  # a typo: Django's 400 each time
    "lat=38.8899&lon=-77.0091&fragment=1",  # a location: Django's
    "zip=10001",  # the page of its own: Django's
    "zip=10001&zip=10002&fragment=1",  # a name twice: Django's
]


@pytest.mark.usefixtures("synced")
def test_lookup_answers_are_djangos_and_a_zip_or_district_is_answered_here(app, django_app):
    CampaignFactory(slug="fast")
    served = {}
    for query in LOOKUPS * 2:
        calls = django_app.calls
        fast = call(app, environ("/c/fast/officials/", query=query))
        served[query] = django_app.calls == calls
        django = call(django_app.handler, environ("/c/fast/officials/", query=query))
        assert fast.status == django.status, query
        # Expires is "now" on the answers Django keeps to itself: a second may pass between.
        ours, theirs = (
            [h for h in a.comparable_headers() if h[0] != "Expires"] for a in (fast, django)
        )
        assert ours == theirs, query
        if "fragment" in query:  # the page of its own holds a new CSRF token each time
            assert fast.body == django.body, query
    assert served == {
        "zip=10001&fragment=1": True,
        "fragment=1&zip=10001": True,
        "zip=10013&fragment=1&for=write": True,
        "state=NY&district=10&fragment=1": True,
        "district=12&fragment=1&state=NY": True,
        "zip=12ab&fragment=1": False,
        "lat=38.8899&lon=-77.0091&fragment=1": False,
        "zip=10001": False,
        "zip=10001&zip=10002&fragment=1": False,
    }
    # Three copies stored (one answers a ZIP, its district and two orders of the same
    # pairs), each made once; the four other queries went to Django both times: 3 + 2 * 4.
    assert django_app.calls == 11


@pytest.mark.usefixtures("synced")
def test_a_stored_lookup_answer_is_per_language(app, django_app):
    CampaignFactory(slug="fast")
    query = "zip=10001&fragment=1"
    call(app, environ("/c/fast/officials/", query=query))
    spanish = call(app, environ("/c/fast/officials/", query=query, HTTP_ACCEPT_LANGUAGE="es"))
    assert django_app.calls == 2 and spanish.header("Content-Language") == "es"


def test_missing_pages_and_drafts_are_never_stored(app, django_app):
    CampaignFactory(slug="draft", status="draft")
    for _ in range(2):
        assert _request(app, "/c/draft/")[0].startswith("404")
        assert _request(app, "/c/none/")[0].startswith("404")
    assert django_app.calls == 4


def test_other_paths_are_not_looked_up(app, django_app):
    CampaignFactory()
    _request(app, "/")
    _request(app, "/")
    assert django_app.calls == 2


@pytest.mark.parametrize(
    "foreign",
    [
        {"host": "evil.example"},
        {"host": "127.0.0.1.evil.example:80"},
        {"host": None, "SERVER_NAME": "evil.example"},
    ],
    ids=["Host", "Host with port", "SERVER_NAME"],
)
def test_a_foreign_host_gets_djangos_400_not_the_page(app, django_app, foreign):
    CampaignFactory(slug="fast", title="Fast page")
    _request(app, "/c/fast/")
    status, _, body = _request(app, "/c/fast/", **foreign)
    assert status.startswith("400") and b"Fast page" not in body
    assert django_app.calls == 2


@override_settings(USE_X_FORWARDED_HOST=True)
def test_a_foreign_forwarded_host_gets_djangos_400(wsgi_keeps_connection):
    CampaignFactory(slug="fast")
    app, django_app = apps()
    _request(app, "/c/fast/")
    assert _request(app, "/c/fast/", HTTP_X_FORWARDED_HOST="evil.example")[0].startswith("400")
    assert _request(app, "/c/fast/", HTTP_X_FORWARDED_HOST="localhost")[0] == "200 OK"
    assert django_app.calls == 2


@override_settings(SECURE_SSL_REDIRECT=True)
def test_plain_http_gets_djangos_redirect_to_https(wsgi_keeps_connection):
    CampaignFactory(slug="fast")
    app, django_app = apps()
    https = {"wsgi.url_scheme": "https"}
    assert _request(app, "/c/fast/", **https)[0] == "200 OK"
    assert _request(app, "/c/fast/", **https)[0] == "200 OK"
    status, headers, _ = _request(app, "/c/fast/")
    assert status.startswith("301") and headers["Location"] == "https://127.0.0.1/c/fast/"
    assert django_app.calls == 2


@override_settings(
    SECURE_SSL_REDIRECT=True, SECURE_PROXY_SSL_HEADER=("HTTP_X_FORWARDED_PROTO", "https")
)
def test_the_proxys_word_on_https_is_djangos(wsgi_keeps_connection):
    CampaignFactory(slug="fast")
    app, django_app = apps()
    behind_proxy = {"HTTP_X_FORWARDED_PROTO": "https"}
    _request(app, "/c/fast/", **behind_proxy)
    assert _request(app, "/c/fast/", **behind_proxy)[0] == "200 OK"
    forwarded_http = {"HTTP_X_FORWARDED_PROTO": "http", "wsgi.url_scheme": "https"}
    assert _request(app, "/c/fast/", **forwarded_http)[0].startswith("301")
    assert django_app.calls == 2


@override_settings(SECURE_SSL_REDIRECT=True, SECURE_REDIRECT_EXEMPT=[r"^c/fast/$"])
def test_a_path_exempt_from_the_redirect_is_served_over_http(wsgi_keeps_connection):
    CampaignFactory(slug="fast")
    CampaignFactory(slug="other")
    app, django_app = apps()
    assert _request(app, "/c/fast/")[0] == "200 OK"
    assert _request(app, "/c/fast/")[0] == "200 OK"
    assert _request(app, "/c/other/")[0].startswith("301")
    assert django_app.calls == 2


@pytest.mark.parametrize(
    "cookie", ["sessionid=abc", "csrftoken=not-a-token!"], ids=["session", "bad CSRF"]
)
def test_cookies_django_would_answer_with_set_cookie_reach_django(app, django_app, cookie):
    CampaignFactory(slug="fast")
    _request(app, "/c/fast/")
    _, headers, _ = _request(app, "/c/fast/", HTTP_COOKIE=cookie)
    assert django_app.calls == 2 and "Set-Cookie" in headers


@pytest.mark.parametrize("setting", [{"PREPEND_WWW": True}, {"DISALLOWED_USER_AGENTS": ["x"]}])
def test_settings_it_does_not_follow_switch_it_off(wsgi_keeps_connection, setting):
    with override_settings(**setting):
        app, _ = apps()
    assert app.routes == []


# --- What it stores ----------------------------------------------------------------------------


def _stored_after(path, vary=None):
    request = RequestFactory().get(path)
    request.resolver_match = resolve(path)
    response = HttpResponse("page")
    response.fast_page = True
    if vary:
        response["Vary"] = vary
    FastPageMiddleware(lambda request: response)(request)
    return cache.get(fastpage._request_key(request)) is not None


def test_responses_varying_on_other_request_headers_are_not_stored():
    assert _stored_after("/c/fast/", "Accept-Language")
    cache.clear()
    for vary in ("Cookie", "Accept-Language, Cookie", "Origin", "*", "Accept-Encoding"):
        assert _stored_after("/c/fast/", vary) is False, vary


def test_only_the_fast_urls_are_stored():
    assert _stored_after("/") is False  # site:list: not in FAST_PAGES


# --- The same answers as Django ----------------------------------------------------------------

requests = st.fixed_dictionaries(
    {
        "path": st.sampled_from(
            ["/c/fast/", "/c/fast/", "/es/c/fast/", "/en/c/fast/", "/c/other/", "/c/none/", "/"]
        ),
        "method": st.sampled_from(["GET", "GET", "HEAD"]),
        "host": st.sampled_from(["127.0.0.1", "localhost:8000", "evil.example", None]),
        "wsgi.url_scheme": st.sampled_from(["http", "https"]),
    },
    optional={
        "HTTP_ACCEPT_LANGUAGE": st.sampled_from(["es", "en-US,en;q=0.8", "fr", "es-MX,en;q=0.5"]),
        "HTTP_COOKIE": st.sampled_from(
            ["django_language=es", "sessionid=abc", "csrftoken=bad!", "ta_sid=x"]
        ),
        "HTTP_X_FORWARDED_PROTO": st.sampled_from(["https", "http"]),
        "HTTP_X_FORWARDED_HOST": st.sampled_from(["localhost", "evil.example"]),
    },
)

PROFILES = {
    "defaults": {},
    "https only": {"SECURE_SSL_REDIRECT": True, "SECURE_HSTS_SECONDS": 3600},
    "behind a proxy": {
        "SECURE_SSL_REDIRECT": True,
        "SECURE_PROXY_SSL_HEADER": ("HTTP_X_FORWARDED_PROTO", "https"),
        "USE_X_FORWARDED_HOST": True,
        "SECURE_REDIRECT_EXEMPT": [r"^c/other/$"],
    },
}


@pytest.mark.parametrize("profile", PROFILES.values(), ids=list(PROFILES))
def test_every_answer_is_djangos_answer(wsgi_keeps_connection, profile):
    fast_page = CampaignFactory(slug="fast", title="Fast page")
    CampaignTranslationFactory(campaign=fast_page, title="Página rápida")
    CampaignFactory(slug="other", language="es")
    with override_settings(**profile):
        fast, django_app = apps()
        # As served (config.wsgi): /es/… moved into SCRIPT_NAME before the layer looks;
        # Django's own handler gets the path as it came, and its middleware moves it.
        fast = LanguagePathsApp(fast)
        served = []

        @hypothesis_settings(max_examples=25, suppress_health_check=list(HealthCheck))
        @given(st.lists(requests, min_size=1, max_size=6))
        def check(sequence):
            cache.clear()
            for options in sequence * 2:  # the second time round, stored copies may answer
                options = dict(options)
                path, method = options.pop("path"), options.pop("method")
                calls = django_app.calls
                from_fast = call(fast, environ(path, method, **options))
                served.append(django_app.calls == calls)
                from_django = call(django_app.handler, environ(path, method, **options))
                assert from_fast.status == from_django.status
                assert from_fast.comparable_headers() == from_django.comparable_headers()
                if method == "GET":  # to HEAD the server sends Django's headers only
                    assert from_fast.body == from_django.body

        check()
        # However hypothesis drew (a profile may send most requests to Django), the layer
        # must answer the plain case here, or the comparison proved nothing.
        cache.clear()
        plain = {"wsgi.url_scheme": "https", "HTTP_X_FORWARDED_PROTO": "https"}
        for _ in range(2):
            calls = django_app.calls
            call(fast, environ("/c/fast/", **plain))
        served.append(django_app.calls == calls)
    assert served[-1], "the layer answered nothing: the comparison proved nothing"


def test_a_cookieless_repeat_is_decided_from_memory_and_a_settings_change_forgets(
    app, django_app, monkeypatch, settings
):
    CampaignFactory(slug="fast", title="Fast page")
    built = []
    real = fastpage.WSGIRequest
    monkeypatch.setattr(fastpage, "WSGIRequest", lambda env: built.append(1) or real(env))
    _request(app, "/c/fast/")  # stored by Django
    _request(app, "/c/fast/")
    _request(app, "/c/fast/")
    assert django_app.calls == 1 and len(built) == 1  # the second answer was decided once
    _request(app, "/c/fast/", HTTP_COOKIE="ta_sid=someone")
    _request(app, "/c/fast/", HTTP_COOKIE="ta_sid=someone")
    assert len(built) == 3  # with cookies, asked afresh every time
    settings.ALLOWED_HOSTS = ["elsewhere.example"]  # the memo must not keep the old answer
    status, _headers, _body = _request(app, "/c/fast/")
    assert status.startswith("400") and django_app.calls == 2


def test_counts_polls_are_served_from_this_processs_copy_for_a_second(app, django_app, monkeypatch):
    CampaignFactory(slug="fast", title="Fast page")
    clock = [1000.0]
    monkeypatch.setattr(fastpage, "_now", lambda: clock[0])
    first = _request(app, "/c/fast/counts.json")
    assert first[0].startswith("200") and django_app.calls == 1
    reads = []
    real_get = fastpage.cache.get
    monkeypatch.setattr(fastpage.cache, "get", lambda *a, **k: reads.append(a) or real_get(*a, **k))
    _request(app, "/c/fast/counts.json")  # fetched once from the shared copy, kept locally
    for _ in range(20):
        assert _request(app, "/c/fast/counts.json")[2] == first[2]
    assert django_app.calls == 1 and len(reads) == 1  # no cache round trip per poll
    clock[0] += 1.5  # past this process's second
    cache.clear()  # and past the shared copy's
    _request(app, "/c/fast/counts.json")
    assert django_app.calls == 2  # a fresh answer from Django


def test_a_crowd_landing_on_an_unstored_page_costs_django_one_render(app, django_app):
    CampaignFactory(slug="fast", title="Fast page")
    answers = [call(app, environ("/c/fast/", query="src=ig-story")) for _ in range(5)]
    assert all(a.status.startswith("200") for a in answers)
    assert all(_cookies(a.headers) for a in answers)  # each fan gets the first-touch cookie
    assert django_app.calls == 1  # the bare page, rendered once and stored


def test_a_short_link_is_answered_here_and_every_tap_is_counted(app, django_app):
    campaign = CampaignFactory(slug="fast", title="Fast page")
    source = Source.objects.create(campaign=campaign, name="Story", code="story-9")
    answers = [call(app, environ("/s/story-9")) for _ in range(5)]
    assert django_app.calls == 1  # the first tap; the layer answered the other four
    django = call(django_app.handler, environ("/s/story-9"))
    for answer in answers:
        assert answer.status == django.status == "302 Found"
        assert answer.header("Location") == django.header("Location") == "/c/fast/?src=story-9"
        assert answer.comparable_headers() == django.comparable_headers()
    source_visits_flush()
    assert SourceVisit.objects.get(source=source).count == 6  # five here, one straight to Django


def test_a_landing_on_a_missing_page_costs_django_one_request(app, django_app):
    answers = [call(app, environ("/c/none/", query="src=ig-story")) for _ in range(3)]
    assert all(a.status.startswith("404") for a in answers)
    assert django_app.calls == 4  # one bare page asked for, then the three landings


def test_a_zips_stored_query_is_remembered_until_the_officials_data_changes(app, monkeypatch):
    asked, snapshots = [], [object()]
    monkeypatch.setattr(fastpage, "lookup_query", lambda query: asked.append(query) or "key")
    monkeypatch.setattr(fastpage, "current_snapshot", lambda: snapshots[-1])
    for _ in range(3):
        assert app._lookup_query("zip=10001&fragment=1") == "key"
    assert len(asked) == 1
    snapshots.append(object())  # a sync landed: the ZIP may lie in another district now
    assert app._lookup_query("zip=10001&fragment=1") == "key"
    assert len(asked) == 2


def test_remembered_landings_give_each_post_its_own_cookie_and_each_fan_their_own_csrf(
    app, django_app
):
    CampaignFactory(slug="fast")
    _request(app, "/c/fast/")  # stored
    secrets = set()
    for code in ("story-a", "story-b", "story-a", "story-b"):
        jar = _cookies(call(app, environ("/c/fast/", query=f"src={code}")).headers)
        cookie = f"ta_attr_fast={jar['ta_attr_fast'].value}"
        request = RequestFactory().get("/", HTTP_COOKIE=cookie)
        assert read_attribution(request, "fast") == {"src": code, "r": ""}
        secrets.add(jar["csrftoken"].value)
    assert django_app.calls == 1
    assert len(secrets) == 4  # never one fan's CSRF secret handed to another
    # Each is a secret Django takes: a form posted with it (as the page script does) passes.
    fan = Client(enforce_csrf_checks=True)
    fan.cookies["csrftoken"] = secrets.pop()
    talk = {"verb": "talk", "outcome": "talked_to_someone", "next": "/c/fast/"}
    posted = fan.post(
        "/c/fast/act/", {**talk, "csrfmiddlewaretoken": fan.cookies["csrftoken"].value}
    )
    assert posted.status_code == 303
    fan.cookies["csrftoken"] = "x" * 32  # and a secret it did not hand out does not
    assert fan.post("/c/fast/act/", {**talk, "csrfmiddlewaretoken": "y" * 32}).status_code == 403
    # A fan who already has a first touch and a CSRF cookie keeps both: no Set-Cookie.
    jar = _cookies(call(app, environ("/c/fast/", query="src=story-a")).headers)
    mine = f"ta_attr_fast={jar['ta_attr_fast'].value}; csrftoken={jar['csrftoken'].value}"
    again = call(app, environ("/c/fast/", query="src=story-b", HTTP_COOKIE=mine))
    assert again.header("Set-Cookie") is None
