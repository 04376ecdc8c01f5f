"""Fixtures of the fast layers' suites."""

import pytest

from takeaction.site.tests.wsgi_apps import CountingDjango


@pytest.fixture
def django_app(wsgi_keeps_connection):
    """Django's own handler, counting the requests the fast layer hands it."""
    return CountingDjango()
