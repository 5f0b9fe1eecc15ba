"""Fetch a URL with httpx, bounded in size, time and redirects; optionally conditional (ETag /
Last-Modified). Every URL, the first and each redirect's, passes the address guard of addresses.py
(no loopback, private or link-local address unless MARSAD_ALLOW_PRIVATE_URLS allows them), so
redirects are followed here, one checked hop at a time, never by httpx."""

from __future__ import annotations

import time
from dataclasses import dataclass

from marsad.errors import InputError
from marsad.read.addresses import target

USER_AGENT = "Marsad/0.1 (+https://example.invalid/marsad; Arabic news analysis)"
MAX_REDIRECTS = 10
_REDIRECTS = (301, 302, 303, 307, 308)


@dataclass(frozen=True, slots=True)
class Fetched:
    status: int  # 200, or 304 when the validators sent still hold (then `body` is empty)
    body: bytes
    content_type: str
    etag: str | None = None
    last_modified: str | None = None


def fetch(url: str, max_bytes: int, timeout: float = 20.0) -> tuple[bytes, str]:
    """Return (body, content type). Raises InputError with a one-line reason."""
    got = fetch_conditional(url, max_bytes, timeout)
    return got.body, got.content_type


def private_urls_allowed() -> bool:
    from marsad import settings

    return bool(settings.get("allow_private_urls"))


def fetch_conditional(url: str, max_bytes: int, timeout: float = 20.0, *, etag: str | None = None,
                      last_modified: str | None = None, client=None, allow_private: bool | None = None) -> Fetched:
    """GET with If-None-Match / If-Modified-Since when validators are given. The whole exchange must end
    within twice `timeout` (a server trickling bytes is cut off too). Raises InputError. A shared
    `httpx.Client` saves building a TLS context per call (about 70 ms), which matters when polling.
    `allow_private` defaults to the setting MARSAD_ALLOW_PRIVATE_URLS."""
    import httpx

    allow = private_urls_allowed() if allow_private is None else allow_private
    headers = {"User-Agent": USER_AGENT}
    if etag:
        headers["If-None-Match"] = etag
    if last_modified:
        headers["If-Modified-Since"] = last_modified
    deadline = time.monotonic() + 2 * timeout
    own = client is None
    client = client or httpx.Client()
    current = url
    try:
        for hop in range(MAX_REDIRECTS + 1):
            try:
                to = target(current, allow)
            except InputError as exc:
                raise InputError(f"redirected to {exc}" if hop else str(exc)) from None
            with client.stream("GET", to.url, headers=headers | to.headers, extensions=to.extensions,
                               timeout=timeout, follow_redirects=False) as resp:
                if resp.status_code in _REDIRECTS and resp.headers.get("location"):
                    current = str(httpx.URL(current).join(resp.headers["location"]))
                    continue
                return _read(resp, max_bytes, deadline, timeout)
        raise InputError(f"more than {MAX_REDIRECTS} redirects")
    except httpx.HTTPError as exc:
        detail = str(exc)
        raise InputError(f"{type(exc).__name__}{': ' + detail if detail else ''}") from exc
    finally:
        if own:
            client.close()


def _read(resp, max_bytes: int, deadline: float, timeout: float) -> Fetched:
    if resp.status_code >= 400:
        raise InputError(f"HTTP {resp.status_code}")
    validators = resp.headers.get("etag"), resp.headers.get("last-modified")
    if resp.status_code == 304:
        return Fetched(304, b"", resp.headers.get("content-type", ""), *validators)
    chunks, size = [], 0
    for chunk in resp.iter_bytes():
        size += len(chunk)
        if size > max_bytes:
            raise InputError(f"response larger than {max_bytes} bytes")
        if time.monotonic() > deadline:
            raise InputError(f"response not complete after {2 * timeout:g} s")
        chunks.append(chunk)
    return Fetched(resp.status_code, b"".join(chunks), resp.headers.get("content-type", ""), *validators)
