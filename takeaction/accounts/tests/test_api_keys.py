"""``api_key_touch``: the key's ``last_used_at``, written at most once a minute."""

import datetime

import pytest
from django.contrib.auth import get_user_model
from django.utils import timezone

from takeaction.accounts.api_keys import api_key_create, api_key_touch
from takeaction.accounts.models import ApiKey
from takeaction.accounts.tests.factories import OrganizationFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def api_key():
    user = get_user_model().objects.create_user("k", "k@example.org", "k-pass-123456")
    row, _key = api_key_create(organization=OrganizationFactory(), name="Sync", user=user)
    return row


def test_first_use_is_recorded(api_key):
    now = timezone.now()
    api_key_touch(api_key=api_key, now=now)
    assert ApiKey.objects.get().last_used_at == now == api_key.last_used_at


def test_use_within_a_minute_writes_nothing(api_key, django_assert_num_queries):
    now = timezone.now()
    api_key_touch(api_key=api_key, now=now)
    with django_assert_num_queries(0):
        api_key_touch(api_key=api_key, now=now + datetime.timedelta(seconds=59))
    assert ApiKey.objects.get().last_used_at == now


def test_a_stale_copy_does_not_overwrite_a_fresh_stamp(api_key):
    """Two requests holding the same old row write once: the UPDATE checks the stored time."""
    now = timezone.now()
    stale_copy = ApiKey.objects.get()
    api_key_touch(api_key=api_key, now=now)
    api_key_touch(api_key=stale_copy, now=now + datetime.timedelta(seconds=1))
    assert ApiKey.objects.get().last_used_at == now


def test_use_after_a_minute_is_recorded_again(api_key):
    now = timezone.now()
    api_key_touch(api_key=api_key, now=now)
    later = now + datetime.timedelta(seconds=61)
    api_key_touch(api_key=api_key, now=later)
    assert ApiKey.objects.get().last_used_at == later
