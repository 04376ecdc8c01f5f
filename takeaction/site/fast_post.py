"""Answer the page script's action POST before Django's request stack.

The campaign page's script sends ``POST /c/<slug>/act/`` with ``Accept:
application/json`` and wants a bare acknowledgement, once the act is committed.
Through Django that answer spent about a quarter of its CPU outside the view:
eleven middleware, URL resolving, the handler chain. This WSGI layer runs only
what that request needs, in Django's order and with Django's own code (about
15% less CPU per POST, measured in process):

* the request side of the middleware that can refuse or redirect it (SSL
  redirect, allowed hosts, denied user agents, the language, the CSRF cookie),
  then ``CsrfViewMiddleware.process_view`` itself;
* the view's own code, ``views.action_answer``: a closed campaign, the rate
  limit, the form with its honeypot, de-duplication, the supporter cookie;
* the response side of the middleware that adds headers (CSP, X-Frame-Options,
  Content-Length, Content-Language and Vary, the security headers), then
  Django's logging of 4xx/5xx answers and its request signals (which keep the
  database connections healthy).

A request this layer would answer differently from Django goes to Django
unchanged, before anything is counted or written: a CSRF failure (Django
renders the 403 page and logs it), a redirect to HTTPS, a disallowed host, an
unknown campaign (the 404 page), a body over ``DATA_UPLOAD_MAX_MEMORY_SIZE``,
a session cookie. So do form posts without JavaScript, which get a redirect or
an HTML page. Sessions, authentication and messages are skipped: this view reads
none of them, so for a request without a session cookie they add nothing.
The path's shape is the one ``site:act`` has in the urlconf (``fast_routes``).
If ``settings.MIDDLEWARE`` holds anything else, the URL is routed elsewhere, or
Django and django-csp are not versions this was checked against (``site.checks``),
the layer switches itself off at start-up.
"""

import io

from django.conf import settings
from django.core import signals
from django.core.handlers.exception import response_for_exception
from django.core.handlers.wsgi import WSGIRequest, get_script_name
from django.http import Http404
from django.middleware.csrf import CsrfViewMiddleware
from django.urls import (
    NoReverseMatch,
    Resolver404,
    resolve,
    reverse,
    set_script_prefix,
    set_urlconf,
)
from django.utils.log import log_response
from django.utils.module_loading import import_string

from takeaction.campaigns.selectors import campaign_get_for_action
from takeaction.site import action_views as views
from takeaction.site.checks import fast_layers_checked
from takeaction.site.fast_routes import route

# The URL of views.action_post in urls.py.
ACT = "site:act"

# The middleware this layer runs for the request, in the order of settings.MIDDLEWARE.
RUN = frozenset(
    {
        "django.middleware.security.SecurityMiddleware",
        "django.middleware.locale.LocaleMiddleware",
        "django.middleware.common.CommonMiddleware",
        "django.middleware.csrf.CsrfViewMiddleware",
        "django.middleware.clickjacking.XFrameOptionsMiddleware",
        "takeaction.core.csp.CSPMiddleware",
    }
)
# The middleware with nothing to add to this view's answers (see the module docstring).
SKIP = frozenset(
    {
        "takeaction.site.fastpage.FastPageMiddleware",  # stores GET pages only
        # Its work is done by config.wsgi's LanguagePathsApp before this layer runs.
        "takeaction.core.language_paths.LanguagePathsMiddleware",
        "whitenoise.middleware.WhiteNoiseMiddleware",  # answers /static/ only
        "django.contrib.sessions.middleware.SessionMiddleware",
        "django.contrib.auth.middleware.AuthenticationMiddleware",
        "django.contrib.messages.middleware.MessageMiddleware",
        # Acts on log-ins only: request.axes_locked_out is set by its authentication
        # backend, which this view never calls.
        "axes.middleware.AxesMiddleware",
    }
)
_REFUSED = object()


class _CsrfCheck(CsrfViewMiddleware):
    """Django's CSRF middleware, but a refusal only says so: Django gives the 403 itself."""

    def _reject(self, request, reason):
        return _REFUSED


def _unused_get_response(request):  # the middleware here are called method by method
    raise AssertionError("not called")


def load_middleware() -> list | None:
    """Instances of the RUN middleware in settings order, or None if the layer must stay off."""
    names = list(settings.MIDDLEWARE)
    missing, unknown = RUN - set(names), set(names) - RUN - SKIP
    if missing or unknown or settings.CSRF_USE_SESSIONS:  # the CSRF secret would be in the session
        return None
    if not fast_layers_checked():
        return None
    try:
        if resolve(reverse(ACT, kwargs={"slug": "slug"})).func is not views.action_post:
            return None
    except (NoReverseMatch, Resolver404):
        return None
    classes = {"django.middleware.csrf.CsrfViewMiddleware": _CsrfCheck}
    return [
        classes.get(name, import_string(name))(_unused_get_response)
        for name in names
        if name in RUN
    ]


class FastActionApp:
    """WSGI wrapper: answer JSON action POSTs here, pass everything else to Django."""

    def __init__(self, application):
        self.application = application
        self.route = route(ACT)
        self.middleware = load_middleware() if self.route is not None else None
        middleware = self.middleware or []
        self.csrf = next((m for m in middleware if isinstance(m, _CsrfCheck)), None)
        self.on_request = [m.process_request for m in middleware if hasattr(m, "process_request")]
        self.on_response = [
            m.process_response for m in reversed(middleware) if hasattr(m, "process_response")
        ]

    def __call__(self, environ, start_response):
        if (
            self.middleware is None
            or environ.get("REQUEST_METHOD") != "POST"
            or (kwargs := self.route.match_environ(environ)) is None
            # The view's _wants_json: the script asks for JSON; a plain form gets HTML.
            or "application/json" not in environ.get("HTTP_ACCEPT", "")
        ):
            return self.application(environ, start_response)
        # What Django's WSGIHandler and BaseHandler do first.
        set_script_prefix(get_script_name(environ))
        signals.request_started.send(sender=self.__class__, environ=environ)
        set_urlconf(settings.ROOT_URLCONF)
        # A copy of the environ: the middleware write into request.META.
        request = WSGIRequest(dict(environ))
        try:
            campaign = self._admit(request, kwargs)
        except Exception:  # a disallowed host, a body too big...: Django answers it its way
            campaign = None
        if campaign is None:
            if hasattr(request, "_body"):  # read here: Django reads it from a copy
                environ["wsgi.input"] = io.BytesIO(request._body)
            return self.application(environ, start_response)
        try:
            response = views.action_answer(request, campaign)
        except Exception as exc:  # as Django's handler does: logged, the 500 page
            response = response_for_exception(request, exc)
        for process_response in self.on_response:
            response = process_response(request, response)
        return self._send(request, response, start_response)

    def _admit(self, request, kwargs: dict):
        """The campaign if this layer answers the request, else None; it writes nothing."""
        # Buffer the body first (within DATA_UPLOAD_MAX_MEMORY_SIZE), so that Django can
        # still read it if the request goes there after the CSRF check has parsed it.
        request.body  # noqa: B018
        if settings.SESSION_COOKIE_NAME in request.COOKIES:
            return None  # the session middleware could answer with a Set-Cookie
        for process_request in self.on_request:
            if process_request(request) is not None:
                return None  # a redirect (HTTPS, www.)
        if self.csrf.process_view(request, views.action_post, (), kwargs) is _REFUSED:
            return None
        try:
            return campaign_get_for_action(slug=kwargs["slug"])
        except Http404:
            return None

    def _send(self, request, response, start_response):
        """What Django's handlers do with a response (close() sends request_finished)."""
        response._handler_class = self.__class__
        response._resource_closers.append(request.close)
        if response.status_code >= 400:
            log_response(
                "%s: %s", response.reason_phrase, request.path, response=response, request=request
            )
        headers = [
            *response.items(),
            *(("Set-Cookie", c.output(header="")) for c in response.cookies.values()),
        ]
        start_response(f"{response.status_code} {response.reason_phrase}", headers)
        return response
