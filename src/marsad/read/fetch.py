"""Fetch a URL with httpx, bounded in size and time."""

from __future__ import annotations

from marsad.errors import InputError

USER_AGENT = "Marsad/0.1 (+https://example.invalid/marsad; Arabic news analysis)"


def fetch(url: str, max_bytes: int, timeout: float = 20.0) -> tuple[bytes, str]:
    """Return (body, content type). Raises InputError with a one-line reason."""
    import httpx

    try:
        with httpx.stream("GET", url, timeout=timeout, follow_redirects=True,
                          headers={"User-Agent": USER_AGENT}) as resp:
            if resp.status_code >= 400:
                raise InputError(f"HTTP {resp.status_code}")
            chunks, size = [], 0
            for chunk in resp.iter_bytes():
                size += len(chunk)
                if size > max_bytes:
                    raise InputError(f"response larger than {max_bytes} bytes")
                chunks.append(chunk)
            return b"".join(chunks), resp.headers.get("content-type", "")
    except httpx.HTTPError as exc:
        raise InputError(f"{type(exc).__name__}: {exc}") from exc
