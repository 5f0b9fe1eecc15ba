"""The HTML report: one self-contained, right-to-left file (inline CSS and script, nothing fetched).

Text from articles is untrusted: the templates autoescape every value, and the page's Content-Security-Policy
allows no external resource and only the report's own script (by its hash), so injected markup cannot run
even if it got through.
"""

from __future__ import annotations

import base64
import hashlib
from functools import cache
from importlib.resources import files

from jinja2 import Environment, PackageLoader, StrictUndefined, select_autoescape
from markupsafe import Markup, escape

from marsad.report import labels
from marsad.report.view import build


@cache
def _environment() -> Environment:
    env = Environment(loader=PackageLoader("marsad.report", "templates"),
                      autoescape=select_autoescape(default=True, default_for_string=True),
                      undefined=StrictUndefined, trim_blocks=True, lstrip_blocks=True, keep_trailing_newline=True)
    env.globals.update(L=labels.HEADINGS, ENTITY_GROUPS=labels.ENTITY_GROUPS)
    env.filters["verbatim"] = _verbatim
    return env


def _verbatim(text: str) -> Markup:
    """Escaped text whose characters all reach the DOM: a bare CR would be folded into a line feed by the
    HTML parser and shift the offsets that evidence links count, a character reference is kept as it is."""
    return Markup(str(escape(text)).replace("\r", "&#13;"))


@cache
def _asset(name: str) -> str:
    return (files("marsad.report") / "templates" / name).read_text(encoding="utf-8")


def render_html(doc: dict) -> str:
    """The analysis document as one HTML report: an index of stories, each story, then every article."""
    script = _asset("report.js")
    digest = base64.b64encode(hashlib.sha256(script.encode("utf-8")).digest()).decode("ascii")
    return _environment().get_template("report.html.j2").render(
        view=build(doc), css=Markup(_asset("report.css")), script=Markup(script),
        script_hash=f"sha256-{digest}")
