"""django-csp's middleware, with the site-wide policy built once instead of per response.

django-csp rebuilds both headers from settings for every response, copying the
policy on the way: about a tenth of the CPU of the fan's action POST. Most
responses carry the site-wide policy unchanged: no view changed it (the
``_csp_config``/``_csp_update``/``_csp_replace`` attributes its decorators set,
here the embed card's ``frame-ancestors``) and no template asked for a nonce.
For those, this sets the same headers from strings built once per settings
(rebuilt when a test overrides them); every other response goes through
django-csp itself. ``tests/test_csp.py`` compares the two on such responses.
"""

from csp import middleware as django_csp
from csp.constants import HEADER, HEADER_REPORT_ONLY
from csp.utils import build_policy
from django.conf import settings
from django.core.signals import setting_changed
from django.dispatch import receiver

# What views set on a response to change its policy (django-csp's decorators and ours).
PER_RESPONSE = tuple(
    f"_csp_{kind}{suffix}" for kind in ("config", "update", "replace") for suffix in ("", "_ro")
)
_SETTINGS = {
    HEADER: "CONTENT_SECURITY_POLICY",
    HEADER_REPORT_ONLY: "CONTENT_SECURITY_POLICY_REPORT_ONLY",
}
# Built on first use: [{header: (policy, excluded URL prefixes)}], emptied when settings change.
_site_wide: list[dict[str, tuple[str, tuple[str, ...]]]] = []


@receiver(setting_changed)
def _forget_site_wide(setting, **kwargs):
    if setting in _SETTINGS.values():
        _site_wide.clear()


def site_wide_headers() -> dict[str, tuple[str, tuple[str, ...]]]:
    """{header: (policy, excluded prefixes)} for the headers the site-wide policy sets."""
    if not _site_wide:
        headers = {}
        for header, setting in _SETTINGS.items():
            policy = build_policy(report_only=header == HEADER_REPORT_ONLY)
            prefixes = (getattr(settings, setting, None) or {}).get("EXCLUDE_URL_PREFIXES")
            if policy:
                headers[header] = (policy, tuple(prefixes or ()))
        _site_wide.append(headers)
    return _site_wide[0]


class CSPMiddleware(django_csp.CSPMiddleware):
    def process_response(self, request, response):
        if getattr(request, "_csp_nonce", None) is not None or any(
            hasattr(response, name) for name in PER_RESPONSE
        ):
            return super().process_response(request, response)
        if settings.DEBUG and response.status_code in (404, 500):  # as django-csp: debug pages
            return response
        for header, (policy, prefixes) in site_wide_headers().items():
            exempt = getattr(
                response, "_csp_exempt_ro" if header != HEADER else "_csp_exempt", False
            )
            excluded = request.path_info.startswith(prefixes)
            if header not in response and exempt is False and not excluded:
                response[header] = policy
        # As django-csp: a nonce asked for after the header is written is an error.
        request.csp_nonce = django_csp.CheckableLazyObject(self._csp_nonce_post_response)
        return response
