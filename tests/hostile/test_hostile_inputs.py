"""Hostile inputs (make_corpus.py): every file, ingested on its own through the CLI, gives its declared
outcome (analysed, with what must hold of the article, or skipped with its reason on one line naming
it), within a time bound and without a traceback; the whole folder in one run (a subprocess) re-ingests
as all unchanged; `marsad analyze` reads the folder; the store stays consistent.

The corpus (105 MB, 41 files) is written once per session into a temporary folder; its largest files
are removed at the end of the session.
"""

from __future__ import annotations

import importlib.util
import json
import os
import sqlite3
import subprocess
import sys
import time
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

import pytest
from click.testing import CliRunner

from marsad.cli import cli
from marsad.model import Article
from marsad.store import open_store

HERE = Path(__file__).resolve().parent
PER_FILE_SECONDS = 20  # measured: the slowest file takes ~5 s here (the first also loads the models)
FOLDER_SECONDS = 240
# The defaults, whatever the environment of the test run says.
ENV = {"MARSAD_MAX_BYTES": None, "MARSAD_MAX_CHARS": None, "MARSAD_KB": None, "MARSAD_DB": None,
       "MARSAD_EVENTS": None}


def _load_corpus_module():
    """make_corpus.py of this folder (the tests run with --import-mode=importlib: no sys.path entry)."""
    spec = importlib.util.spec_from_file_location("hostile_make_corpus", HERE / "make_corpus.py")
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses look their module up
    spec.loader.exec_module(module)
    return module


corpus_module = _load_corpus_module()
CASES = {c.name: c for c in corpus_module.CASES}


@dataclass
class Run:
    exit_code: int
    exception: BaseException | None
    stdout: str
    stderr: str
    seconds: float
    articles: list[Article]  # the articles this run added to the store

    @property
    def skip_lines(self) -> list[str]:
        return [ln for ln in self.stderr.splitlines() if ": skipped (" in ln]


@pytest.fixture(scope="session")
def corpus(tmp_path_factory):
    folder = tmp_path_factory.mktemp("hostile") / "corpus"
    start = time.perf_counter()
    corpus_module.write_corpus(folder)
    yield folder, time.perf_counter() - start
    for big in ("huge_100mb.txt", "one_line_2mb.txt"):  # pytest keeps the last three sessions' folders
        (folder / big).unlink(missing_ok=True)


@pytest.fixture(scope="session")
def per_file(corpus, tmp_path_factory):
    """Each file ingested on its own, in corpus order, into one store: name -> Run."""
    folder, _ = corpus
    db = str(tmp_path_factory.mktemp("hostile-store") / "store.db")
    runner, runs, seen = CliRunner(), {}, set()
    for name in CASES:
        start = time.perf_counter()
        result = runner.invoke(cli, ["ingest", str(folder / name), "--db", db, "--quiet"], env=ENV)
        seconds = time.perf_counter() - start
        with sqlite3.connect(db) as con:
            new = [i for (i,) in con.execute("SELECT id FROM articles ORDER BY rowid") if i not in seen]
        seen.update(new)
        store = open_store(db)
        try:
            articles = [store.get_article(i) for i in new]
        finally:
            store.close()
        runs[name] = Run(result.exit_code, result.exception, result.stdout, result.stderr, seconds, articles)
    return db, runs


@pytest.fixture(scope="session")
def folder_run(corpus, per_file):
    """The whole folder in one run of the real command (a subprocess), into the same store."""
    folder, _ = corpus
    db, _ = per_file
    env = {k: v for k, v in os.environ.items() if k not in ENV}
    start = time.perf_counter()
    proc = subprocess.run([sys.executable, "-m", "marsad", "ingest", str(folder), "--db", db], capture_output=True,
                          text=True, timeout=FOLDER_SECONDS, env=env)
    return proc, time.perf_counter() - start


def _expected_skips(case) -> list:
    return [e for e in case.expect if not e.analysed]


def _failures(article: Article, expect) -> list[str]:
    """What of `expect` the article does not satisfy (empty: it matches)."""
    bad = []
    if expect.language is not None and article.language != expect.language:
        bad.append(f"language {article.language!r}")
    bad += [f"text lacks {p!r}" for p in expect.contains if p not in article.text]
    bad += [f"text holds {p!r}" for p in expect.absent if p in article.text]
    found = {m.canonical for m in article.mentions}
    if expect.entities == ():
        if article.mentions:
            bad.append(f"entities found in a text that is not Arabic: {sorted(found)}")
    elif expect.entities:
        bad += [f"entity {e!r} not found (found {sorted(found)})" for e in expect.entities if e not in found]
    dates = {article.text[t.start:t.end] for t in article.timexes}
    bad += [f"date {d!r} not found (found {sorted(dates)})" for d in expect.dates if d not in dates]
    if expect.warning and not any(expect.warning in w for w in article.warnings):
        bad.append(f"no warning {expect.warning!r} in {article.warnings}")
    if len(article.sentences) < expect.min_sentences:
        bad.append(f"{len(article.sentences)} sentences")
    for span in (*article.sentences, *article.mentions, *article.timexes):
        if not 0 <= span.start <= span.end <= len(article.text):
            bad.append(f"span {span.start}:{span.end} outside the text")
            break
    return bad


def test_the_corpus_is_written_fast_and_holds_every_kind(corpus):
    folder, seconds = corpus
    assert seconds < 15, f"writing the corpus took {seconds:.1f} s"
    files = sorted(p.name for p in folder.iterdir())
    assert files == sorted(CASES)
    assert (folder / "huge_100mb.txt").stat().st_size == 100 * 1024 * 1024
    assert len({c.kind for c in CASES.values()}) == 9


@pytest.mark.parametrize("name", list(CASES), ids=ascii)
def test_each_file_gives_its_declared_outcome(name, corpus, per_file):
    folder, _ = corpus
    _, runs = per_file
    case, run = CASES[name], runs[name]
    assert run.exception is None or isinstance(run.exception, SystemExit), repr(run.exception)
    assert "Traceback" not in run.stdout + run.stderr
    assert run.seconds < PER_FILE_SECONDS, f"{name} took {run.seconds:.1f} s"
    skips = _expected_skips(case)
    analysed = [e for e in case.expect if e.analysed]
    assert run.exit_code == (1 if skips else 0)
    assert run.stdout.strip() == f"ingested {len(analysed)}, unchanged 0, skipped {len(skips)}"
    # One line per skipped item, in reading order, naming the file (or the entry's own URL in it).
    assert len(run.skip_lines) == len(skips), run.stderr
    path = str(folder / name)
    for line, expect in zip(run.skip_lines, skips, strict=True):
        source = line.split(": skipped (")[0]
        assert source.startswith(path) or source.encode() in (folder / name).read_bytes()[:100_000], line
        assert f": skipped ({expect.outcome}" in line and expect.detail in line, line
    # Each analysed item is a distinct stored article with what its expectation says.
    assert len(run.articles) == len(analysed)
    unused = list(run.articles)
    for expect in analysed:
        match = next((a for a in unused if not _failures(a, expect)), None)
        assert match is not None, {a.source: _failures(a, expect) for a in unused}
        unused.remove(match)


def test_the_whole_folder_in_one_run_reingests_as_unchanged(per_file, folder_run):
    _, runs = per_file
    proc, seconds = folder_run
    assert "Traceback" not in proc.stdout + proc.stderr
    assert proc.returncode == 1  # some inputs were skipped (and said so)
    n_articles = sum(len(r.articles) for r in runs.values())
    n_skips = sum(len(r.skip_lines) for r in runs.values())
    assert proc.stdout.strip().splitlines()[-1] == f"ingested 0, unchanged {n_articles}, skipped {n_skips}"
    lines = proc.stderr.strip().splitlines()
    assert all(": skipped (" in ln or ln.startswith("warning: ") for ln in lines), lines
    assert Counter(ln for ln in lines if ": skipped (" in ln) == Counter(ln for r in runs.values() for ln in r.skip_lines)
    assert seconds < FOLDER_SECONDS


def test_the_store_is_consistent_afterwards(per_file, folder_run):
    db, runs = per_file
    ids = {a.id for r in runs.values() for a in r.articles}
    with sqlite3.connect(db) as con:
        assert con.execute("PRAGMA integrity_check").fetchall() == [("ok",)]
        assert con.execute("PRAGMA foreign_key_check").fetchall() == []
        assert con.execute("SELECT count(*) FROM articles").fetchone()[0] == len(ids)
        skipped_sources = {s for (s,) in con.execute("SELECT source FROM skipped")}
    assert {ln.split(": skipped (")[0] for r in runs.values() for ln in r.skip_lines} <= skipped_sources
    result = CliRunner().invoke(cli, ["articles", "--format", "json", "--db", db], env=ENV)
    assert result.exit_code == 0
    assert {a["id"] for a in json.loads(result.stdout)} == ids


def test_analyze_reads_the_folder_in_one_run(corpus, per_file, tmp_path):
    folder, _ = corpus
    _, runs = per_file
    out = tmp_path / "doc.json"
    result = CliRunner().invoke(cli, ["analyze", str(folder), "-o", str(out)], env=ENV)
    assert result.exception is None or isinstance(result.exception, SystemExit), repr(result.exception)
    assert result.exit_code == 1 and "Traceback" not in result.stderr
    doc = json.loads(out.read_text(encoding="utf-8"))
    assert {a["id"] for a in doc["articles"]} == {a.id for r in runs.values() for a in r.articles}


def test_a_raised_byte_limit_still_bounds_the_analysis(corpus, tmp_path):
    """MARSAD_MAX_BYTES=200 MB lets the 100 MB text be read; the text limit still refuses it, at once."""
    folder, _ = corpus
    start = time.perf_counter()
    result = CliRunner().invoke(cli, ["ingest", str(folder / "huge_100mb.txt"), "--db", str(tmp_path / "s.db")],
                                env={**ENV, "MARSAD_MAX_BYTES": str(200 * 1024 * 1024)})
    assert time.perf_counter() - start < 10
    assert result.exit_code == 1
    assert result.stderr.strip() == (f"{folder / 'huge_100mb.txt'}: skipped (too large: 104857600 bytes of plain"
                                     " text: more than the limit of 100000 characters (MARSAD_MAX_CHARS))")


def test_an_endless_sentence_is_cut_at_white_space_never_inside_a_token(corpus):
    """The 2 MB line (MARSAD_MAX_CHARS raised) splits into sentences of at most 3,000 characters, each
    trimmed and ending between two tokens; and a run of letters longer than that stays whole."""
    from marsad.arabic.sentences import split_sentences
    from marsad.arabic.tokens import tokenize
    from marsad.stages.segment import MAX_SENTENCE_CHARS, bounded

    folder, _ = corpus
    text = (folder / "one_line_2mb.txt").read_text(encoding="utf-8")
    start = time.perf_counter()
    spans = bounded(split_sentences(text), text)
    assert time.perf_counter() - start < 5
    assert len(spans) > len(text) // MAX_SENTENCE_CHARS
    assert all(0 < s.end - s.start <= MAX_SENTENCE_CHARS for s in spans)
    assert all(text[s.start:s.end] == text[s.start:s.end].strip() for s in spans)
    assert " ".join(text[s.start:s.end] for s in spans) == text
    ends = {t.end for t in tokenize(text[:200_000])}
    assert all(s.end in ends for s in spans if s.end < 199_000)
    blob = "ب" * 7000 + " نهاية"
    assert [(s.start, s.end) for s in bounded(split_sentences(blob), blob)] == [(0, 7000), (7001, 7006)]


def test_a_limit_that_is_not_a_number_is_a_one_line_usage_error(corpus):
    folder, _ = corpus
    env = {k: v for k, v in os.environ.items() if k not in ENV} | {"MARSAD_MAX_CHARS": "100k"}
    proc = subprocess.run([sys.executable, "-m", "marsad", "ingest", str(folder / "latin.txt"), "--db", ":memory:"],
                          capture_output=True, text=True, timeout=60, env=env)
    assert (proc.returncode, proc.stderr) == (2, "error: MARSAD_MAX_CHARS='100k' is not a whole number\n")
