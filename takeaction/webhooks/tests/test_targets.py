"""SSRF: only public http(s) addresses receive webhooks, checked at saving and at sending."""

import ipaddress

import pytest
from hypothesis import given
from hypothesis import strategies as st

from takeaction.webhooks import emitting, services, targets
from takeaction.webhooks.delivery import delivery_attempt
from takeaction.webhooks.models import WebhookDelivery, WebhookEndpoint
from takeaction.webhooks.targets import TargetRefused, address_refusal, target_resolve

REFUSED_URLS = [
    "http://127.0.0.1/hook",
    "http://127.1.2.3:8080/hook",
    "http://10.0.0.5/hook",
    "http://172.16.4.4/hook",
    "http://192.168.1.10/hook",
    "http://169.254.169.254/latest/meta-data/",
    "http://100.64.0.1/",
    "http://0.0.0.0/",
    "http://224.0.0.1/",
    "http://[::1]/hook",
    "http://[::ffff:127.0.0.1]/hook",
    "http://[::ffff:a00:1]/hook",
    "http://[fe80::1]/hook",
    "http://[fd00::1]/hook",
    "http://[::]/hook",
    "http://localhost/hook",
    "http://localhost:6379/",
    "file:///etc/passwd",
    "ftp://example.org/hook",
    "gopher://example.org/",
    "javascript:alert(1)",
    "http:///no-host",
    "http://user:secret@example.org/hook",
    "http://example.org:99999/hook",
]


@pytest.mark.parametrize("url", REFUSED_URLS)
def test_refused_when_private_targets_are_not_allowed(url, settings):
    settings.WEBHOOKS_ALLOW_PRIVATE_TARGETS = False
    with pytest.raises(TargetRefused):
        target_resolve(url)


@pytest.fixture
def fake_dns(monkeypatch):
    """Answer name lookups from a dict, so no test depends on (or reaches) real DNS."""
    answers: dict[str, list[str]] = {}

    def resolve(host, port):
        if host not in answers:
            raise OSError("Name or service not known")
        return answers[host]

    monkeypatch.setattr(targets, "resolve_host", resolve)
    return answers


def test_a_name_is_refused_if_any_of_its_addresses_is_private(settings, fake_dns):
    settings.WEBHOOKS_ALLOW_PRIVATE_TARGETS = False
    fake_dns["internal.example.org"] = ["10.1.2.3"]
    fake_dns["split.example.org"] = ["93.184.216.34", "127.0.0.1"]
    fake_dns["mapped.example.org"] = ["::ffff:169.254.169.254"]
    for host in ("internal", "split", "mapped", "unknown"):
        with pytest.raises(TargetRefused):
            target_resolve(f"https://{host}.example.org/hook")


def test_a_public_name_is_pinned_to_the_checked_address(settings, fake_dns):
    settings.WEBHOOKS_ALLOW_PRIVATE_TARGETS = False
    fake_dns["hooks.example.org"] = ["93.184.216.34"]
    target = target_resolve("https://Hooks.Example.org/in?x=1#frag")
    assert target == targets.Target(
        scheme="https", host="hooks.example.org", port=443, path="/in?x=1", address="93.184.216.34"
    )


def test_the_setting_allows_private_addresses_but_never_other_schemes(settings):
    settings.WEBHOOKS_ALLOW_PRIVATE_TARGETS = True
    assert target_resolve("http://localhost:8001/hook").address == "127.0.0.1"
    assert target_resolve("http://[::1]:8001/").host == "::1"
    for url in ("file:///etc/passwd", "ftp://127.0.0.1/"):
        with pytest.raises(TargetRefused):
            target_resolve(url)


@given(
    st.one_of(
        st.ip_addresses(network="10.0.0.0/8"),
        st.ip_addresses(network="127.0.0.0/8"),
        st.ip_addresses(network="169.254.0.0/16"),
        st.ip_addresses(network="192.168.0.0/16"),
        st.ip_addresses(network="fc00::/7"),
        st.ip_addresses(network="fe80::/10"),
        st.ip_addresses(network="ff00::/8"),
        st.ip_addresses(network="::ffff:0:0/96"),
    )
)
def test_every_address_of_the_refused_ranges_is_refused(address):
    assert address_refusal(address) is not None


def test_public_addresses_pass():
    for text in ("93.184.216.34", "8.8.8.8", "2606:4700:4700::1111"):
        assert address_refusal(ipaddress.ip_address(text)) is None


@pytest.mark.django_db
def test_dns_is_checked_again_before_each_attempt(
    settings, fake_dns, receiver, org, owner, django_capture_on_commit_callbacks
):
    """A name that was public when saved and now points inside is not sent to."""
    settings.WEBHOOKS_ALLOW_PRIVATE_TARGETS = False
    port = receiver.url.split(":")[2].split("/")[0]
    fake_dns["rebind.example.org"] = ["93.184.216.34"]
    with django_capture_on_commit_callbacks(execute=True):
        endpoint, _secret = services.endpoint_create(
            organization=org, user=owner, url=f"http://rebind.example.org:{port}/hook",
            event_types=["campaign.published"],
        )  # fmt: skip
        emitting.event_emit(
            organization_id=org.pk, event_type="campaign.published", build_data=dict
        )
    fake_dns["rebind.example.org"] = ["127.0.0.1"]  # where the receiver really listens

    delivery = WebhookDelivery.objects.get()
    retries = []
    outcome = delivery_attempt(
        delivery_id=str(delivery.public_id),
        schedule_retry=lambda delivery_id, when: retries.append(delivery_id),
    )
    assert outcome == "pending" and retries == [str(delivery.public_id)]

    assert receiver.requests == []
    attempt = delivery.attempts.get()
    assert attempt.status_code is None and not attempt.succeeded
    assert "127.0.0.1" in attempt.error and "loopback" in attempt.error
    assert WebhookEndpoint.objects.get(pk=endpoint.pk).consecutive_failures == 1
