"""uvicorn's h11 protocol with a deadline on each request's head (the request line and the headers).

uvicorn closes a keep-alive connection idle for `timeout_keep_alive` seconds, but waits for ever on a
connection that was opened and sends nothing, or sends its head a byte at a time (slowloris). Every such
connection holds one of the `limit_concurrency` slots; once they are all taken, every other client gets
503. Here a client has `head_timeout` seconds from the moment it connects (or starts its next request on
a kept-alive connection) to send a complete head; after that the connection is closed.
"""

from __future__ import annotations

import asyncio

import h11
from uvicorn.protocols.http.h11_impl import H11Protocol


def guarded_h11(head_timeout: float) -> type[H11Protocol]:
    """The h11 protocol class for uvicorn.run(http=...), with this head deadline in seconds."""

    class GuardedH11Protocol(H11Protocol):
        _head_timer: asyncio.TimerHandle | None = None

        def connection_made(self, transport: asyncio.Transport) -> None:  # type: ignore[override]
            super().connection_made(transport)
            self._arm()

        def data_received(self, data: bytes) -> None:
            super().data_received(data)
            if self.conn.their_state is h11.IDLE:  # a head still incomplete (or a new one started)
                if self._head_timer is None:
                    self._arm()
            else:
                self._disarm()

        def connection_lost(self, exc: Exception | None) -> None:
            self._disarm()
            super().connection_lost(exc)

        def _arm(self) -> None:
            self._head_timer = self.loop.call_later(head_timeout, self._head_too_slow)

        def _disarm(self) -> None:
            if self._head_timer is not None:
                self._head_timer.cancel()
                self._head_timer = None

        def _head_too_slow(self) -> None:
            self._head_timer = None
            if self.conn.their_state is h11.IDLE and not self.transport.is_closing():
                self.transport.close()

    return GuardedH11Protocol
