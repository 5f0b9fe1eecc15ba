"""Where Marsad may fetch from: the guard against server-side request forgery (SSRF).

A URL handed to Marsad (a command-line input, the API's `url`, a watched feed, a link inside a feed)
must not make it reach the machine it runs on or that machine's network. Refused, in IPv4 and IPv6:
loopback, private (RFC 1918, unique local), link-local (169.254.0.0/16 holds the cloud metadata
service), shared (100.64.0.0/10), unspecified, multicast, reserved and documentation addresses, also
when an IPv6 address carries an IPv4 one (::ffff:127.0.0.1, NAT64 64:ff9b::/96, 6to4 2002::/16), and
any scheme but http and https. Names go through the system resolver, which reads the legacy numeric
forms (2130706433, 0x7f.1, 0177.0.0.1, 127.1) exactly as a connection would, and every address a name
resolves to must be public. MARSAD_ALLOW_PRIVATE_URLS=1 lifts the address check (an intranet, tests).

DNS rebinding: a name checked now could resolve to 127.0.0.1 a moment later, when the connection is
made. So the name is resolved once, here, and the request goes to the checked address itself (the URL's
host replaced by it, with the original Host header and TLS server name, so virtual hosts and certificate
checks still see the name). Behind a proxy from the environment the proxy resolves the name; there the
addresses are checked but cannot be pinned.
"""

from __future__ import annotations

import ipaddress
import socket
import urllib.request
from dataclasses import dataclass, field

from marsad.errors import InputError

SCHEMES = ("http", "https")
SCHEMES_PORT = {"http": 80, "https": 443}
ALLOW_HINT = "MARSAD_ALLOW_PRIVATE_URLS=1 allows it"
_NAT64 = ipaddress.ip_network("64:ff9b::/96")
IP = ipaddress.IPv4Address | ipaddress.IPv6Address


@dataclass(frozen=True, slots=True)
class Target:
    """What to send for one URL: the URL to connect to, and the headers and httpx extensions that keep
    the original name (when the host was pinned to its checked address)."""
    url: object  # httpx.URL
    headers: dict[str, str] = field(default_factory=dict)
    extensions: dict[str, str] = field(default_factory=dict)


def address_problem(ip: IP) -> str | None:
    """Why Marsad may not connect to this address ("a loopback address"), or None for a public one."""
    if isinstance(ip, ipaddress.IPv6Address):
        inner = ip.ipv4_mapped or ip.sixtofour or (
            ipaddress.IPv4Address(int(ip) & 0xFFFFFFFF) if ip in _NAT64 else None)
        if inner is not None:
            return address_problem(inner)
    for attr, label in (("is_loopback", "a loopback address"), ("is_unspecified", "the unspecified address"),
                        ("is_link_local", "a link-local address"), ("is_multicast", "a multicast address"),
                        ("is_reserved", "a reserved address"), ("is_private", "a private address")):
        if getattr(ip, attr):
            return label
    return None if ip.is_global else "not a public address"


def _literal(host: str) -> IP | None:
    try:
        return ipaddress.ip_address(host.strip("[]").split("%", 1)[0])
    except ValueError:
        return None


def resolve(host: str, port: int) -> list[IP]:
    """Every address the system resolver gives for the host, in its order (numeric forms included)."""
    try:
        infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    except (OSError, UnicodeError) as exc:
        raise InputError(f"cannot resolve {host}: {getattr(exc, 'strerror', None) or exc}") from exc
    found = [_literal(str(info[4][0])) for info in infos]
    return list(dict.fromkeys(ip for ip in found if ip is not None))


def _proxied(scheme: str) -> bool:
    env = urllib.request.getproxies_environment()
    return bool(env.get(scheme) or env.get("all"))


def target(url: str, allow_private: bool) -> Target:
    """The request to make for URL, or InputError naming the URL and why it is refused."""
    import httpx

    shown = " ".join(url.split())[:200]
    try:
        parsed = httpx.URL(url)
    except (httpx.InvalidURL, TypeError, ValueError) as exc:
        raise InputError(f"{shown}: not a valid URL ({exc})") from exc
    if parsed.scheme not in SCHEMES:
        raise InputError(f"{shown} refused: only http and https URLs are fetched, not '{parsed.scheme or 'none'}'")
    host = parsed.raw_host.decode("ascii").strip("[]")
    if not host:
        raise InputError(f"{shown} refused: the URL has no host")
    if allow_private:
        return Target(parsed)
    name = host.rstrip(".").lower()
    if name == "localhost" or name.endswith(".localhost"):
        raise InputError(f"{shown} refused: {host} is this machine ({ALLOW_HINT})")
    literal = _literal(host)
    try:
        addresses = [literal] if literal is not None else resolve(host, parsed.port or SCHEMES_PORT[parsed.scheme])
    except InputError as exc:
        raise InputError(f"{shown}: {exc}") from None
    if not addresses:
        raise InputError(f"{shown}: cannot resolve {host}: no address")
    for ip in addresses:
        problem = address_problem(ip)
        if problem:
            where = "" if literal is not None else f" resolves to {ip}, which"
            raise InputError(f"{shown} refused: {host}{where} is {problem} ({ALLOW_HINT})")
    if literal is not None or _proxied(parsed.scheme):
        return Target(parsed)
    pinned = parsed.copy_with(host=str(addresses[0]))
    extensions = {"sni_hostname": host} if parsed.scheme == "https" else {}
    return Target(pinned, {"Host": parsed.netloc.decode("ascii")}, extensions)
