"""Where alerts go: the terminal (one line each), a JSON lines file, a webhook (one POST per alert).

A sink that fails logs one line and never stops the watcher or the other sinks. The webhook gets no
retries: after a failed POST the rest of that round's alerts are not posted (they are still in the
terminal and the JSON lines file), so a dead receiver costs one timeout per round, not one per alert.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

from marsad.render import printable
from marsad.watch.config import Outputs

Log = Callable[[str], None]


def alert_line(alert: dict) -> str:
    """One terminal line: the alert's name and kind, then what triggered it."""
    if alert["kind"] == "contradiction":
        c = alert["contradiction"]
        parts = [f"story {alert['story']}", alert.get("story_title") or "", f"{c.get('topic')}: {c.get('note')}"]
    else:
        quoted = [f"{e['type']} «{_clip(e['text'], 60)}»" for e in alert["evidence"]]
        parts = [alert["article"], alert.get("outlet") or "", alert.get("title") or "", *quoted,
                 alert.get("url") or ""]
    body = " · ".join(_clip(p, 200) for p in parts if p)
    return printable(f"ALERT [{alert['alert']}] {alert['kind']}: {body}")


def _clip(text: str, n: int) -> str:
    text = " ".join(str(text).split())  # no line breaks inside a line
    return text if len(text) <= n else text[: n - 1] + "…"


class TerminalSink:
    def __init__(self, echo: Callable[[str], None]):
        self.echo = echo

    def send(self, alerts: list[dict]) -> None:
        for a in alerts:
            self.echo(alert_line(a))


class JsonlSink:
    def __init__(self, path: Path):
        self.path = path

    def send(self, alerts: list[dict]) -> None:
        self.path.parent.mkdir(parents=True, exist_ok=True)
        with self.path.open("a", encoding="utf-8") as fh:
            for a in alerts:
                fh.write(json.dumps(a, ensure_ascii=False, sort_keys=True) + "\n")


class WebhookSink:
    def __init__(self, url: str, timeout: float, headers: tuple[tuple[str, str], ...], log: Log):
        self.url, self.timeout, self.headers, self.log = url, timeout, dict(headers), log
        self.client = None

    def send(self, alerts: list[dict]) -> None:
        import httpx

        self.client = self.client or httpx.Client(headers=self.headers)
        for i, a in enumerate(alerts):
            try:
                resp = self.client.post(self.url, json=a, timeout=self.timeout)
                problem = f"HTTP {resp.status_code}" if resp.status_code >= 400 else None
            except httpx.HTTPError as exc:
                problem = f"{type(exc).__name__}: {exc}".rstrip(": ")
            if problem:
                left = len(alerts) - i
                self.log(f"webhook {self.url}: {problem}; {left} alert(s) not posted this round")
                return

    def close(self) -> None:
        if self.client is not None:
            self.client.close()


class Sinks:
    def __init__(self, sinks: list, log: Log):
        self.sinks, self.log = sinks, log

    @classmethod
    def from_outputs(cls, outputs: Outputs, echo: Callable[[str], None], log: Log) -> Sinks:
        sinks: list = [TerminalSink(echo)] if outputs.terminal else []
        if outputs.jsonl:
            sinks.append(JsonlSink(outputs.jsonl))
        if outputs.webhook:
            sinks.append(WebhookSink(outputs.webhook, outputs.webhook_timeout, outputs.webhook_headers, log))
        return cls(sinks, log)

    def close(self) -> None:
        for sink in self.sinks:
            if hasattr(sink, "close"):
                sink.close()

    def send(self, alerts: list[dict]) -> None:
        if not alerts:
            return
        for sink in self.sinks:
            try:
                sink.send(alerts)
            except Exception as exc:  # noqa: BLE001 - a broken sink must not stop the watcher
                self.log(f"alert output {type(sink).__name__}: {type(exc).__name__}: {exc}")
