"""The Markdown report: the same sections as the HTML one, evidence given as (outlet, date, «snippet»).

Text from articles is untrusted: Markdown punctuation and HTML brackets in it are backslash-escaped, so a
viewer shows it literally and never as markup.
"""

from __future__ import annotations

import re

from marsad.report import labels
from marsad.report.view import ArticleHead, Ref, build, cut

L = labels.HEADINGS
_SPECIAL = re.compile(r"([\\`*_\[\]{}<>|#!~&])")


def esc(text) -> str:
    """Untrusted text on one line, with Markdown/HTML punctuation escaped."""
    return _SPECIAL.sub(r"\\\1", " ".join(str(text).split()))


def ref_md(r: Ref, snippet: bool = True) -> str:
    parts = [esc(r.outlet), esc(r.date or L["no_date"])] + ([f"«{esc(r.snippet)}»"] if snippet else [])
    return "(" + "، ".join(parts) + ")"


def refs_md(refs: list[Ref]) -> str:
    return " ".join(ref_md(r) for r in refs)


def head_md(h: ArticleHead) -> str:
    return f"{esc(h.title)} ({esc(h.outlet)}، {esc(h.date or L['no_date'])})"


def render_markdown(doc: dict) -> str:
    view = build(doc)
    out = [f"# {L['report']}", ""]
    if view["dropped"]:
        out += [f"{L['dropped']}: {view['dropped']}", ""]
    out += [f"## {L['index']}", ""]
    if view["stories"]:
        out += [f"| {L['story']} | {L['span']} | {L['outlets']} | {L['article_count']} |", "|---|---|---|---|"]
        for s in view["stories"]:
            out.append(f"| {esc(s['title'])} | {_span(s)} | "
                       f"{'، '.join(esc(o) for o in s['outlets'])} | {len(s['articles'])} |")
    else:
        out.append(L["no_stories"])
    for s in view["stories"]:
        out += _story(s)
    out += ["", f"## {L['articles']}", ""]
    for a in view["articles"]:
        h = a.head
        line = f"- {esc(h.id)}: {head_md(h)}: " + (f"<{h.url}>" if h.url else esc(h.source))
        if h.rerun_of:
            line += f" — {L['rerun_of']} {esc(h.rerun_of)}"
        out.append(line)
    return "\n".join(out).rstrip() + "\n"


def _story(s: dict) -> list[str]:
    out = ["", f"## {L['story']}: {esc(s['title'])}", "",
           f"{L['span']}: {_span(s)} · "
           f"{L['outlets']}: {'، '.join(esc(o) for o in s['outlets'])} · {L['article_count']}: {len(s['articles'])}"]
    if s["missing"]:
        out[-1] += f" · {L['missing']}: {s['missing']}"
    summary = s["summary"]
    out += ["", f"### {L['summary']}" + (f" ({esc(summary['date'])})" if summary["date"] else ""), ""]
    out += [f"- {esc(b['text'])} {refs_md(b['refs'])}" for b in summary["bullets"]] or [L["none"]]
    out += ["", f"### {L['timeline']}", ""]
    out += [f"- **{esc(t['date_label'])}** ({t['precision_label'] or '-'}) · {esc(t['type_label'])} · "
            f"**{esc(t['modality_label'])}**: {esc(t['summary'])} {refs_md(t['refs'])}" for t in s["timeline"]] or [L["none"]]
    out += ["", f"### {L['quotes']}"]
    for g in s["speakers"]:
        out += ["", f"#### {esc(g['name'])} ({len(g['quotes'])})", ""]
        for q in g["quotes"]:
            extra = f" · {L['said_on']} {esc(q['when'])}" if q["when"] and q["when"] != q["ref"].date else ""
            extra += f" · {L['rerun']}" if q["rerun"] else ""
            said = esc(cut(q["ref"].text, 300))
            out.append(f"- {esc(q['cue'])}: {f'«{said}»' if q['direct'] else said} {ref_md(q['ref'], snippet=False)}{extra}")
    if not s["speakers"]:
        out += ["", L["none"]]
    out += ["", f"### {L['entities']}"]
    for key, title in labels.ENTITY_GROUPS.items():
        items = [f"{esc(e['name'])} ({e['count']})" + (f" [{e['lat']:.4f}, {e['lon']:.4f}]"
                                                       if e["lat"] is not None and e["lon"] is not None else "")
                 for e in s["entities"][key]]
        out += ["", f"- **{title}**: " + ("، ".join(items) or L["none"])]
    out += ["", f"### {L['numbers']}", ""]
    out += [_number(n) for n in s["numbers"]] or [L["none"]]
    out += ["", f"### {L['comparisons']}", "", f"#### {L['agreements']}", ""]
    for g in s["agreements"]:
        out += [f"- **{esc(g['topic'])}**"] + [_claim(c) for c in g["claims"]]
    if not s["agreements"]:
        out.append(L["none"])
    out += ["", f"#### {L['contradictions']}", ""]
    for g in s["contradictions"]:
        out.append(f"- **{esc(g['topic'])}** ({esc(g['kind_label'])})" + (f": {esc(g['note'])}" if g["note"] else ""))
        out += [_claim(c) for c in g["claims"]]
    if not s["contradictions"]:
        out.append(L["none"])
    out += ["", f"### {L['coverage']}", ""]
    for c in s["coverage"]:
        out.append(f"- **{esc(c['outlet'])}**: {L['article_count']} {c['n_articles']} · {L['quote_count']} {c['quotes']}"
                   f" · {L['speakers']}: {'، '.join(esc(x) for x in c['speakers']) or '-'}")
        out += [f"  - {L['only_here']}: «{esc(r.snippet)}» {ref_md(r, snippet=False)}" for r in c["unique"]]
    if not s["coverage"]:
        out.append(L["none"])
    out += ["", f"### {L['near_duplicates']}", ""]
    out += [f"- {head_md(a)} ⇄ {head_md(b)}" for a, b in s["near_duplicates"]] or [L["none"]]
    return out


def _number(n: dict) -> str:
    """The quantity as written, then its value when that says more (digits for words, the unit's lemma)."""
    value = " ".join(x for x in (n["qualifier"], n["value"], n["unit"]) if x)
    line = f"- {esc(n['text'])}" + (f" — {esc(value)}" if value != n["text"] else "")
    line += f" ({L['counts']}: {esc(n['counts'])})" if n["counts"] and n["counts"] != n["unit"] else ""
    return line + f" {ref_md(n['ref'], snippet=False)}" + (f" · {L['rerun']}" if n["rerun"] else "")


def _span(s: dict) -> str:
    first, last = (esc(s[k] or L["no_date"]) for k in ("first_date", "last_date"))
    return first if first == last else f"{L['from']} {first} {L['to']} {last}"


def _claim(c: dict) -> str:
    r = c["ref"]
    extra = (f" · {L['value']}: {esc(c['value'])}" if c["value"] else "") + \
            (f" · {L['as_of']} {esc(c['as_of'])}" if c["as_of"] else "")
    return f"  - «{esc(c['text'])}» {ref_md(r, snippet=False)}{extra}"
