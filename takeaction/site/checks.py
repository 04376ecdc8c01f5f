"""System checks of the fan site: the versions its fast layers were checked against.

``fast_post.py`` and ``fastpage.py`` run pieces of Django's request handling
outside Django, and ``core/csp.py`` (which ``fast_post`` runs) subclasses
django-csp's middleware. They lean on internals no release promises to keep:
``CsrfViewMiddleware._reject`` and the ``CSRF_COOKIE_NEEDS_UPDATE`` mark,
``HttpRequest._body``, ``HttpResponse._handler_class`` and
``_resource_closers``, the resolver's ``reverse_dict`` and ``namespace_dict``,
django-csp's ``_csp_nonce_post_response``. Their equivalence suites
(``site/tests/test_fast_post.py``, ``test_fastpage.py``, ``test_fast_routes.py``,
``core/tests/test_csp.py``) passed on the versions in ``CHECKED_AGAINST``.
Outside them ``site.E001`` fails ``manage.py check`` (and with it ``migrate``,
``runserver`` and CI), and both layers stay off, leaving every request to Django.
"""

import importlib.metadata
import re

from django.core import checks

# Distribution: (lowest checked release, first release not checked).
CHECKED_AGAINST = {
    "django": ((5, 2, 19), (5, 3)),
    "django-csp": ((4, 0), (4, 1)),
}
SUITES = (
    "site/tests/test_fast_post.py, test_fastpage.py, test_fast_routes.py, core/tests/test_csp.py"
)


def installed_version(distribution: str) -> str:
    return importlib.metadata.version(distribution)


def release(version: str) -> tuple[int, ...]:
    """(5, 2, 19) for "5.2.19"; a pre-release counts as its release ("5.3a1" is (5, 3))."""
    numbers = []
    for piece in version.split("."):
        digits = re.match(r"\d+", piece)
        if digits is None:
            break
        numbers.append(int(digits[0]))
        if digits.end() != len(piece):
            break
    return tuple(numbers)


def _dotted(numbers: tuple[int, ...]) -> str:
    return ".".join(map(str, numbers))


def fast_layers_versions(app_configs=None, **kwargs) -> list[checks.CheckMessage]:
    """Error if Django or django-csp is outside the versions the fast layers were checked on."""
    errors = []
    for distribution, (lowest, beyond) in CHECKED_AGAINST.items():
        try:
            version = installed_version(distribution)
        except importlib.metadata.PackageNotFoundError:
            version = "(not installed)"
        if not lowest <= release(version) < beyond:
            errors.append(
                checks.Error(
                    f"{distribution} {version} is installed; the fast WSGI layers "
                    f"(site/fast_post.py, site/fastpage.py, core/csp.py) use its internals "
                    f"and were checked against >={_dotted(lowest)},<{_dotted(beyond)} only. "
                    "They stay off until this is resolved.",
                    hint=(
                        f"Run their equivalence suites ({SUITES}) on {distribution} "
                        f"{version}, then widen CHECKED_AGAINST in takeaction/site/checks.py "
                        "and the pin in pyproject.toml; or install a checked version."
                    ),
                    id="site.E001",
                )
            )
    return errors


def fast_layers_checked() -> bool:
    """Whether the fast layers may run: the installed versions are the checked ones."""
    return not fast_layers_versions()
