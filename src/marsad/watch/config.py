"""The watch file (YAML): feeds to poll, alerts to raise, where alerts go. See docs/watch.md.

Everything is checked when the file is loaded, so a typo fails at once with its place
("feeds.yaml: alerts[2]: unknown key 'keywrd'"), never hours later in the loop.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

from marsad.errors import UsageError

KINDS = ("feed", "page")
MODALITIES = ("happened", "planned", "claimed", "negated")
CONTRADICTION_KINDS = ("quantity", "ranking", "date", "status")
_DURATION = re.compile(r"^\s*(\d+(?:\.\d+)?)\s*(ms|s|m|h|d)?\s*$")
_UNIT = {"ms": 0.001, "s": 1, "m": 60, "h": 3600, "d": 86400, None: 1}


@dataclass(frozen=True, slots=True)
class FeedSpec:
    url: str
    name: str
    kind: str = "feed"  # feed: entries are articles from their text; page: from web pages (see docs/watch.md)


@dataclass(frozen=True, slots=True)
class AlertRule:
    """An article-level rule matches an article meeting every condition given (entity, keyword, event);
    a contradiction rule matches a contradiction a story did not have before the ingest."""

    name: str
    entity: str | None = None
    keyword: str | None = None
    event: str | None = None
    modality: tuple[str, ...] = ()  # with `event`: only these modalities (empty: any)
    contradiction: tuple[str, ...] | None = None  # None: not a contradiction rule; (): any kind


@dataclass(frozen=True, slots=True)
class Outputs:
    terminal: bool = True
    jsonl: Path | None = None
    webhook: str | None = None
    webhook_timeout: float = 5.0
    webhook_headers: tuple[tuple[str, str], ...] = ()


@dataclass(frozen=True, slots=True)
class WatchConfig:
    feeds: tuple[FeedSpec, ...]
    alerts: tuple[AlertRule, ...] = ()
    outputs: Outputs = field(default_factory=Outputs)


def parse_duration(text: str | float | int) -> float:
    """Seconds in "90", "30s", "10m", "1.5h", "1d", "500ms". Raises UsageError."""
    m = _DURATION.match(str(text))
    if not m or float(m.group(1)) <= 0:
        raise UsageError(f"not a duration: '{text}' (write 30s, 10m, 1h or 1d)")
    return float(m.group(1)) * _UNIT[m.group(2)]


def _keys(where: str, mapping: object, allowed: set[str]) -> dict:
    if not isinstance(mapping, dict):
        raise UsageError(f"{where}: expected a mapping, got {type(mapping).__name__}")
    unknown = sorted(set(map(str, mapping)) - allowed)
    if unknown:
        raise UsageError(f"{where}: unknown key '{unknown[0]}' (known: {', '.join(sorted(allowed))})")
    return mapping


def _text(where: str, value: object) -> str:
    if not isinstance(value, str | int | float) or isinstance(value, bool) or not str(value).strip():
        raise UsageError(f"{where}: expected a non-empty text")
    return str(value).strip()


def _choices(where: str, value: object, allowed: tuple[str, ...]) -> tuple[str, ...]:
    values = value if isinstance(value, list) else [value]
    out = tuple(_text(where, v).lower() for v in values)
    bad = [v for v in out if v not in allowed]
    if bad:
        raise UsageError(f"{where}: '{bad[0]}' is not one of {', '.join(allowed)}")
    return out


def _feed(where: str, raw: object) -> FeedSpec:
    if isinstance(raw, str):
        raw = {"url": raw}
    raw = _keys(where, raw, {"url", "name", "kind"})
    url = _text(f"{where}.url", raw.get("url"))
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.netloc:
        raise UsageError(f"{where}.url: not an http(s) URL: '{url}'")
    kind = _choices(f"{where}.kind", raw.get("kind", "feed"), KINDS)[0]
    name = _text(f"{where}.name", raw["name"]) if raw.get("name") is not None else parts.netloc + parts.path
    return FeedSpec(url=url, name=name, kind=kind)


def _alert(where: str, raw: object) -> AlertRule:
    raw = _keys(where, raw, {"name", "entity", "keyword", "event", "modality", "contradiction"})
    entity = _text(f"{where}.entity", raw["entity"]) if raw.get("entity") is not None else None
    keyword = _text(f"{where}.keyword", raw["keyword"]) if raw.get("keyword") is not None else None
    event = _text(f"{where}.event", raw["event"]).upper() if raw.get("event") is not None else None
    modality = _choices(f"{where}.modality", raw["modality"], MODALITIES) if raw.get("modality") else ()
    if modality and not event:
        raise UsageError(f"{where}: 'modality' needs 'event'")
    contradiction = None
    c = raw.get("contradiction")
    if c is not None and c is not False:
        contradiction = () if c is True or c == "any" else _choices(f"{where}.contradiction", c, CONTRADICTION_KINDS)
        if entity or keyword or event:
            raise UsageError(f"{where}: a contradiction alert takes no entity, keyword or event")
    elif not (entity or keyword or event):
        raise UsageError(f"{where}: give at least one of entity, keyword, event, contradiction")
    default_name = " + ".join(x for x in (entity, keyword, event) if x) or "contradiction"
    name = _text(f"{where}.name", raw["name"]) if raw.get("name") is not None else default_name
    return AlertRule(name, entity, keyword, event, modality, contradiction)


def _outputs(where: str, raw: object, base: Path) -> Outputs:
    if raw is None:
        return Outputs()
    raw = _keys(where, raw, {"terminal", "jsonl", "webhook"})
    terminal = raw.get("terminal", True)
    if not isinstance(terminal, bool):
        raise UsageError(f"{where}.terminal: expected true or false")
    jsonl = base / _text(f"{where}.jsonl", raw["jsonl"]) if raw.get("jsonl") is not None else None
    hook, timeout, headers = raw.get("webhook"), 5.0, ()
    if isinstance(hook, dict):
        hook = _keys(f"{where}.webhook", hook, {"url", "timeout", "headers"})
        try:
            timeout = parse_duration(hook.get("timeout", 5))
        except UsageError as exc:
            raise UsageError(f"{where}.webhook.timeout: {exc}") from exc
        extra = hook.get("headers") or {}
        if not isinstance(extra, dict):
            raise UsageError(f"{where}.webhook.headers: expected a mapping of header names to values")
        headers = tuple((str(k), _text(f"{where}.webhook.headers.{k}", v)) for k, v in extra.items())
        hook = hook.get("url")
    if hook is not None:
        hook = _text(f"{where}.webhook.url", hook)
        if urlsplit(hook).scheme not in ("http", "https"):
            raise UsageError(f"{where}.webhook.url: not an http(s) URL: '{hook}'")
    return Outputs(terminal, jsonl, hook, timeout, headers)


def parse_config(raw: object, where: str = "watch file", base: Path = Path(".")) -> WatchConfig:
    raw = _keys(where, raw, {"feeds", "alerts", "outputs"})
    feeds_raw, alerts_raw = raw.get("feeds") or [], raw.get("alerts") or []
    if not isinstance(feeds_raw, list) or not feeds_raw:
        raise UsageError(f"{where}: 'feeds' must be a non-empty list")
    if not isinstance(alerts_raw, list):
        raise UsageError(f"{where}: 'alerts' must be a list")
    feeds = tuple(_feed(f"{where}: feeds[{i}]", f) for i, f in enumerate(feeds_raw))
    seen: set[str] = set()
    for f in feeds:
        if f.url in seen:
            raise UsageError(f"{where}: feed '{f.url}' is listed twice")
        seen.add(f.url)
    alerts = tuple(_alert(f"{where}: alerts[{i}]", a) for i, a in enumerate(alerts_raw))
    return WatchConfig(feeds, alerts, _outputs(f"{where}: outputs", raw.get("outputs"), base))


def load_config(path: str | Path) -> WatchConfig:
    """Read and check a watch file; relative output paths are taken from the file's folder."""
    import yaml

    path = Path(path)
    try:
        raw = yaml.safe_load(path.read_text(encoding="utf-8"))
    except OSError as exc:
        raise UsageError(f"{path}: {exc.strerror or exc}") from exc
    except yaml.YAMLError as exc:
        raise UsageError(f"{path}: not valid YAML: {str(exc).splitlines()[0]}") from exc
    return parse_config(raw, str(path), path.resolve().parent)
