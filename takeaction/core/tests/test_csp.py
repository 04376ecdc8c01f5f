"""The CSP middleware sets exactly the headers django-csp sets, whatever the response."""

import pytest
from csp.exceptions import CSPNonceError
from csp.middleware import CSPMiddleware as DjangoCSPMiddleware
from django.http import HttpResponse
from django.test import RequestFactory, override_settings

from takeaction.core.csp import CSPMiddleware

HEADERS = ("Content-Security-Policy", "Content-Security-Policy-Report-Only")
REPORT_ONLY = {"DIRECTIVES": {"default-src": ["'self'"], "report-uri": "/csp-report/"}}


def _policy(value):
    """A header as {directive: sources}: django-csp's directive order is a set's."""
    if value is None:
        return None
    return {part.split()[0]: part.split()[1:] for part in value.split("; ")}


def answer(middleware_class, *, path="/c/x/", status=200, before=None, use_nonce=False):
    """Run one response through the middleware; return its parsed headers and the request."""
    request = RequestFactory().get(path)
    middleware = middleware_class(lambda request: None)
    middleware.process_request(request)
    if use_nonce:
        str(request.csp_nonce)  # a template asked for the nonce
    response = HttpResponse(status=status)
    if before:
        before(response)
    response = middleware.process_response(request, response)
    return {header: _policy(response.get(header)) for header in HEADERS}, request


def _exempt(response):
    response._csp_exempt = True


def _replace(response):
    response._csp_replace = {"frame-ancestors": ["https://fans.example"]}


def _already_set(response):
    response["Content-Security-Policy"] = "default-src 'none'"


CASES = {
    "site-wide": {},
    "exempt": {"before": _exempt},
    "replaced by a view": {"before": _replace},
    "set by the view itself": {"before": _already_set},
    "a nonce in the page": {"use_nonce": True},
    "an error page": {"status": 500},
}


@pytest.mark.parametrize("case", CASES.values(), ids=CASES.keys())
def test_headers_are_django_csps(case):
    ours, _ = answer(CSPMiddleware, **case)
    theirs, _ = answer(DjangoCSPMiddleware, **case)
    assert ours == theirs
    if case == {}:
        assert ours["Content-Security-Policy"]["frame-ancestors"] == ["'none'"]


def test_report_only_and_excluded_prefixes_follow_the_settings_as_they_change():
    before, _ = answer(CSPMiddleware)  # builds the site-wide strings once
    assert before["Content-Security-Policy-Report-Only"] is None
    with override_settings(CONTENT_SECURITY_POLICY_REPORT_ONLY=REPORT_ONLY):
        ours, _ = answer(CSPMiddleware)
        assert ours == answer(DjangoCSPMiddleware)[0]
        assert ours["Content-Security-Policy-Report-Only"]["report-uri"] == ["/csp-report/"]
    excluded = {"EXCLUDE_URL_PREFIXES": ["/admin/"], "DIRECTIVES": {"default-src": ["'self'"]}}
    with override_settings(CONTENT_SECURITY_POLICY=excluded):
        for path in ("/admin/x/", "/c/x/"):
            assert answer(CSPMiddleware, path=path)[0] == answer(DjangoCSPMiddleware, path=path)[0]
        assert answer(CSPMiddleware, path="/admin/x/")[0]["Content-Security-Policy"] is None
    assert answer(CSPMiddleware)[0] == before


@override_settings(DEBUG=True)
def test_debug_404_pages_get_no_policy_as_in_django_csp():
    ours, _ = answer(CSPMiddleware, status=404)
    assert ours == answer(DjangoCSPMiddleware, status=404)[0]
    assert ours["Content-Security-Policy"] is None


def test_a_nonce_asked_for_after_the_header_is_written_is_an_error():
    _, request = answer(CSPMiddleware)
    with pytest.raises(CSPNonceError):
        str(request.csp_nonce)
