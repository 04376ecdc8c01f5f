"""Where a webhook may be sent: public http(s) addresses only (SSRF protection).

An endpoint URL is chosen by an organizer, and the worker that posts to it sits
inside our network. Without a check, ``http://169.254.169.254/`` or
``http://localhost:6379/`` would let anyone with an organization reach services
that only trust their neighbours. So the host is resolved and every address it
resolves to must be public; the request then connects to the address that was
checked (not to the name again), so a DNS answer that changes between the check
and the connection cannot slip a private address in. The check runs when an
endpoint is saved and again before each attempt, because DNS can change.
"""

import ipaddress
import socket
from dataclasses import dataclass
from urllib.parse import urlsplit

from django.conf import settings

IPAddress = ipaddress.IPv4Address | ipaddress.IPv6Address

DEFAULT_PORTS = {"http": 80, "https": 443}
# IPv6 prefixes that carry an IPv4 address in their last 32 bits (NAT64 and the
# IPv4-compatible form); checked as that IPv4 address.
_EMBEDS_IPV4 = (ipaddress.IPv6Network("64:ff9b::/96"), ipaddress.IPv6Network("::/96"))


class TargetRefused(ValueError):
    """The URL may not receive webhooks; the message says why, for the organizer."""


@dataclass(frozen=True)
class Target:
    """A checked URL, taken apart for http.client, with the address to connect to."""

    scheme: str
    host: str
    port: int
    path: str
    address: str


def resolve_host(host: str, port: int) -> list[str]:
    """Return every address ``host`` resolves to (a seam the tests replace)."""
    infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    # An IPv6 link-local answer may carry a zone ("fe80::1%eth0"); the zone is not
    # part of the address.
    return [info[4][0].split("%", 1)[0] for info in infos]


def address_refusal(address: IPAddress) -> str | None:
    """Say why an address may not receive webhooks, or None when it is public."""
    checks = (
        ("unspecified", address.is_unspecified),
        ("loopback", address.is_loopback),
        ("private", address.is_private),
        ("link-local", address.is_link_local),
        ("multicast", address.is_multicast),
        ("reserved", address.is_reserved),
        # fec0::/10: deprecated, but some networks still route it internally.
        ("site-local", getattr(address, "is_site_local", False)),
        # Anything else not routed on the public internet (shared 100.64/10, ...).
        ("non-public", not address.is_global),
    )
    for name, applies in checks:
        if applies:
            return name
    if isinstance(address, ipaddress.IPv6Address):
        # ::ffff:127.0.0.1 and friends reach the IPv4 address inside them.
        embedded = address.ipv4_mapped or address.sixtofour
        if embedded is None and any(address in network for network in _EMBEDS_IPV4):
            embedded = ipaddress.IPv4Address(address.packed[-4:])
        if embedded is not None:
            return address_refusal(embedded)
    return None


def target_resolve(url: str) -> Target:
    """Check ``url`` and resolve its host; raise TargetRefused when it may not be used."""
    try:
        parts = urlsplit(url.strip())
        port = parts.port
    except ValueError:
        raise TargetRefused("This is not a valid address.") from None
    scheme = parts.scheme.lower()
    if scheme not in DEFAULT_PORTS:
        raise TargetRefused("Only http:// and https:// addresses can receive webhooks.")
    if parts.username is not None or parts.password is not None:
        raise TargetRefused("Addresses with a user name or password are not supported.")
    host = parts.hostname
    if not host:
        raise TargetRefused("The address has no host name.")
    try:
        # http.client writes the Host header in ASCII: international names go as IDNA.
        host = host.encode("idna").decode("ascii")
    except UnicodeError:
        raise TargetRefused("The host name is not valid.") from None
    port = port or DEFAULT_PORTS[scheme]
    try:
        addresses = [ipaddress.ip_address(a) for a in resolve_host(host, port)]
    except (OSError, UnicodeError, ValueError):
        raise TargetRefused(f"{host} could not be resolved.") from None
    if not addresses:
        raise TargetRefused(f"{host} could not be resolved.")
    if not settings.WEBHOOKS_ALLOW_PRIVATE_TARGETS:
        for address in addresses:
            refusal = address_refusal(address)
            if refusal is not None:
                raise TargetRefused(
                    f"{host} resolves to {address}, a {refusal} address: "
                    "webhooks go to public addresses only."
                )
    path = (parts.path or "/") + (f"?{parts.query}" if parts.query else "")
    return Target(scheme=scheme, host=host, port=port, path=path, address=str(addresses[0]))
