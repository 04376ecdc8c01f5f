"""The workspace's webhook pages: who may do what, the secret shown once, bad input."""

import re

import pytest
from django.contrib.auth import get_user_model
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from takeaction.accounts.models import ChangeRecord, Membership, Role
from takeaction.accounts.services import organization_create
from takeaction.webhooks import targets
from takeaction.webhooks.models import WebhookEndpoint
from takeaction.webhooks.signing import signature

pytestmark = pytest.mark.django_db

PUBLIC = "93.184.216.34"


@pytest.fixture(autouse=True)
def fake_dns(monkeypatch):
    """Names under example.org resolve to a public address, "*.internal" to a private one.

    IP literals and localhost resolve for real (no network); any other name fails,
    so no test here waits on, or reaches, a DNS server.
    """
    real = targets.resolve_host

    def resolve(host, port):
        if host.endswith(".internal"):
            return ["10.0.0.8"]
        if host == "example.org" or host.endswith(".example.org"):
            return [PUBLIC]
        if host == "localhost" or ":" in host or host.replace(".", "").isdigit():
            return real(host, port)
        raise OSError("Name or service not known")

    monkeypatch.setattr(targets, "resolve_host", resolve)


def _member(org, name: str, role: str):
    user = get_user_model().objects.create_user(name, f"{name}@example.org", "pw-123456789")
    Membership.objects.create(user=user, organization=org, role=role)
    return user


def _create(client, org, url="https://hooks.example.org/in", events=("action.recorded",)):
    return client.post(f"/org/{org.slug}/webhooks/new/", {"url": url, "event_types": list(events)})


def _secret_in(response) -> str:
    return re.search(r'id="webhook-secret">([^<]+)<', response.content.decode()).group(1)


def test_an_editor_adds_an_endpoint_and_sees_its_secret_once(client, org):
    client.force_login(_member(org, "ed", Role.EDITOR))
    response = _create(client, org, events=["action.recorded", "person.updated"])

    assert response.status_code == 200
    assert {"private", "no-store"} <= set(response["Cache-Control"].replace(" ", "").split(","))
    secret = _secret_in(response)
    endpoint = WebhookEndpoint.objects.get(organization=org)
    assert secret.startswith("whsec_") and endpoint.secret == secret
    assert endpoint.event_types == ["action.recorded", "person.updated"]
    assert ChangeRecord.objects.filter(organization=org, action="webhook.create").count() == 1
    # Afterwards the pages show only its last characters.
    for path in ("", f"{endpoint.pk}/", f"{endpoint.pk}/edit/"):
        page = client.get(f"/org/{org.slug}/webhooks/{path}").content.decode()
        assert secret not in page
    assert (
        f"whsec_…{secret[-4:]}"
        in client.get(f"/org/{org.slug}/webhooks/{endpoint.pk}/").content.decode()
    )


def test_edit_turn_off_on_rotate_and_delete_are_each_recorded(client, org, owner):
    client.force_login(owner)
    old_secret = _secret_in(_create(client, org))
    endpoint = WebhookEndpoint.objects.get()
    base = f"/org/{org.slug}/webhooks/{endpoint.pk}"

    response = client.post(
        f"{base}/edit/",
        {"url": "https://other.example.org/in", "event_types": ["campaign.published"]},
    )
    assert response.status_code == 302
    client.post(f"{base}/status/", {"active": "0"})
    endpoint.refresh_from_db()
    assert endpoint.url == "https://other.example.org/in" and not endpoint.is_active
    assert endpoint.disabled_reason == "manual"
    # A member turning it off is not a failure: no banner.
    assert "webhooks-disabled-banner" not in client.get(f"/org/{org.slug}/").content.decode()
    client.post(f"{base}/status/", {"active": "1"})

    new_secret = _secret_in(client.post(f"{base}/rotate/"))
    endpoint.refresh_from_db()
    assert new_secret != old_secret and endpoint.secret == new_secret
    # For a day both secrets sign, so receivers can switch without losing deliveries.
    assert endpoint.signing_secrets() == [new_secret, old_secret]
    header_values = {signature(s, 1, b"{}") for s in endpoint.signing_secrets()}
    assert len(header_values) == 2

    assert client.get(f"{base}/delete/").status_code == 200
    assert client.post(f"{base}/delete/").status_code == 302
    assert not WebhookEndpoint.objects.exists()
    actions = list(
        ChangeRecord.objects.filter(organization=org, action__startswith="webhook.")
        .order_by("id")
        .values_list("action", flat=True)
    )
    assert actions == [
        "webhook.create",
        "webhook.update",
        "webhook.disable",
        "webhook.enable",
        "webhook.rotate_secret",
        "webhook.delete",
    ]


def test_viewers_see_endpoints_and_logs_but_change_nothing(client, org, owner):
    client.force_login(owner)
    _create(client, org)
    endpoint = WebhookEndpoint.objects.get()
    client.force_login(_member(org, "vi", Role.VIEWER))
    base = f"/org/{org.slug}/webhooks"

    assert client.get(f"{base}/").status_code == 200
    assert client.get(f"{base}/{endpoint.pk}/").status_code == 200
    assert "Add an endpoint" not in client.get(f"{base}/").content.decode()
    for path in ("new/", f"{endpoint.pk}/edit/", f"{endpoint.pk}/delete/"):
        assert client.get(f"{base}/{path}").status_code == 403
    for path in (f"{endpoint.pk}/status/", f"{endpoint.pk}/rotate/", f"{endpoint.pk}/delete/"):
        assert client.post(f"{base}/{path}").status_code == 403
    endpoint.refresh_from_db()
    assert endpoint.is_active and WebhookEndpoint.objects.count() == 1


def test_another_organizations_endpoint_is_404_under_my_organization(client, org, owner):
    client.force_login(owner)
    _create(client, org)
    mine = WebhookEndpoint.objects.get()
    other_owner = get_user_model().objects.create_user("b", "b@example.org", "pw-123456789")
    other_org = organization_create(name="Team B", owner=other_owner)
    client.force_login(other_owner)
    base = f"/org/{other_org.slug}/webhooks/{mine.pk}"
    for path in ("/", "/edit/", "/delete/"):
        assert client.get(base + path).status_code == 404
    for path in ("/edit/", "/status/", "/rotate/", "/delete/"):
        assert client.post(base + path, {"active": "0"}).status_code == 404
    mine.refresh_from_db()
    assert mine.is_active and mine.url == "https://hooks.example.org/in"


@pytest.mark.parametrize(
    "url",
    [
        "http://localhost/hook",
        "http://10.0.0.1/hook",
        "https://db.internal/hook",
        "http://[::ffff:127.0.0.1]/",
        "file:///etc/passwd",
    ],
)
def test_the_form_refuses_private_and_non_http_targets(client, org, owner, url, settings):
    settings.WEBHOOKS_ALLOW_PRIVATE_TARGETS = False
    client.force_login(owner)
    response = _create(client, org, url=url)
    assert response.status_code == 200
    assert 'class="error-message"' in response.content.decode()
    assert not WebhookEndpoint.objects.exists()


form_text = st.one_of(
    st.text(max_size=80),
    st.sampled_from(
        [
            "https://hooks.example.org/in",
            "http://db.internal/",
            "http://127.0.0.1:1/",
            "https://[::1]/",
            "http://[::ffff:10.0.0.1]/",
            "https://hooks.example.org:0/",
            "https://hooks.example.org:99999/",
            "https://\u0433\u043e.example.org/",
            "action.recorded",
            "campaign.published",
            "",
            "x" * 600,
        ]
    ),
)


@settings(max_examples=60, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    data=st.dictionaries(
        st.sampled_from(["url", "event_types", "description", "active"]),
        st.one_of(form_text, st.lists(form_text, max_size=3)),
    )
)
def test_any_endpoint_form_input_is_answered_without_a_server_error(client, org, owner, data):
    client.force_login(owner)
    existing, _ = WebhookEndpoint.objects.get_or_create(
        organization=org, url="https://hooks.example.org/fixed",
        defaults={"event_types": ["action.recorded"], "secret": "whsec_test"},
    )  # fmt: skip
    for path in ("new/", f"{existing.pk}/edit/"):
        response = client.post(f"/org/{org.slug}/webhooks/{path}", data)
        assert response.status_code in (200, 302), (path, data, response.status_code)
    # Whatever was saved is a URL that passed the target check.
    for endpoint in WebhookEndpoint.objects.filter(organization=org):
        targets.target_resolve(endpoint.url)
