"""The WSGI layer answers stored public pages without entering Django."""

import io
from wsgiref.util import setup_testing_defaults

import pytest
from django.core.handlers.wsgi import WSGIHandler

from takeaction.campaigns.tests.factories import CampaignFactory
from takeaction.site.fastpage import FastPageApp

pytestmark = pytest.mark.django_db


class CountingDjango:
    """Django's WSGI handler, counting the requests that reach it."""

    def __init__(self):
        self.handler = WSGIHandler()
        self.calls = 0

    def __call__(self, environ, start_response):
        self.calls += 1
        return self.handler(environ, start_response)


def _request(app, path, method="GET", query=""):
    environ = {
        "REQUEST_METHOD": method,
        "PATH_INFO": path,
        "QUERY_STRING": query,
        "SERVER_NAME": "127.0.0.1",
        "HTTP_HOST": "127.0.0.1",
        "wsgi.input": io.BytesIO(b""),
    }
    setup_testing_defaults(environ)
    captured = {}

    def start_response(status, headers, exc_info=None):
        captured["status"], captured["headers"] = status, dict(headers)

    body = b"".join(app(environ, start_response))
    return captured["status"], captured["headers"], body


@pytest.fixture
def django_app(wsgi_keeps_connection):
    return CountingDjango()


@pytest.fixture
def app(django_app):
    return FastPageApp(django_app)


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


def test_query_strings_and_other_methods_always_reach_django(app, django_app):
    CampaignFactory(slug="fast")
    _request(app, "/c/fast/")
    _request(app, "/c/fast/", query="src=story")
    status, _, _ = _request(app, "/c/fast/", method="POST")
    assert django_app.calls == 3
    assert status.startswith(("403", "405"))  # CSRF refuses it before the view can


def test_an_edit_drops_the_stored_page(app, django_app, django_capture_on_commit_callbacks):
    campaign = CampaignFactory(slug="fast", title="Before")
    _request(app, "/c/fast/")
    with django_capture_on_commit_callbacks(execute=True):
        campaign.title = "After"
        campaign.save()
    _, _, body = _request(app, "/c/fast/")
    assert django_app.calls == 2 and b"After" in body


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
