"""site.E001: the fast layers run only on the Django and django-csp versions checked."""

import pytest
from django.core import checks

from takeaction.site import checks as site_checks
from takeaction.site.fast_post import FastActionApp
from takeaction.site.fastpage import FastPageApp


def _faked(monkeypatch, **versions):
    real = site_checks.installed_version
    monkeypatch.setattr(
        site_checks, "installed_version", lambda dist: versions.get(dist) or real(dist)
    )


def test_the_installed_versions_are_the_checked_ones():
    assert site_checks.fast_layers_versions() == []
    errors = checks.run_checks(tags=[checks.Tags.compatibility])
    assert [e for e in errors if e.id == "site.E001"] == []


@pytest.mark.parametrize(
    ("distribution", "version"),
    [
        ("django", "5.3"),
        ("django", "5.3a1"),
        ("django", "6.0"),
        ("django", "5.2.18"),
        ("django-csp", "4.1"),
        ("django-csp", "3.8"),
        ("django-csp", "5.0.1"),
    ],
)
def test_another_version_is_an_error_and_the_layers_stay_off(monkeypatch, distribution, version):
    _faked(monkeypatch, **{distribution: version})
    errors = checks.run_checks(tags=[checks.Tags.compatibility])
    [error] = [e for e in errors if e.id == "site.E001"]
    assert error.level == checks.ERROR
    assert f"{distribution} {version} is installed" in error.msg
    assert "CHECKED_AGAINST" in error.hint
    assert FastActionApp(None).middleware is None
    assert FastPageApp(None).routes == []


def test_patch_releases_of_the_checked_line_pass(monkeypatch):
    _faked(monkeypatch, django="5.2.25", **{"django-csp": "4.0.1"})
    assert site_checks.fast_layers_versions() == []


def test_release_numbers():
    assert site_checks.release("5.2.19") == (5, 2, 19)
    assert site_checks.release("5.3a1") == (5, 3)
    assert site_checks.release("4.0.post1") == (4, 0)
    assert site_checks.release("(not installed)") == ()
