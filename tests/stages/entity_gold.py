"""Scoring mentions against the gold files tests/cases/{sample,seed}_entities.yaml (shared by the tests)."""

from __future__ import annotations

from dataclasses import dataclass, field

from marsad.arabic.normalize import fold


def _key(s: str) -> str:
    return " ".join(fold(s).replace('"', " ").split())


@dataclass
class Report:
    found: int = 0
    expected: int = 0
    roles_right: int = 0
    roles_expected: int = 0
    missing: list = field(default_factory=list)
    wrong_role: list = field(default_factory=list)
    false: list = field(default_factory=list)
    unlinked: list = field(default_factory=list)
    merged: list = field(default_factory=list)

    @property
    def recall(self) -> float:
        return self.found / self.expected if self.expected else 1.0

    def add(self, other: Report) -> None:
        for name in ("found", "expected", "roles_right", "roles_expected"):
            setattr(self, name, getattr(self, name) + getattr(other, name))
        for name in ("missing", "wrong_role", "false", "unlinked", "merged"):
            getattr(self, name).extend(getattr(other, name))


def ids_of(article, form: str) -> set[str]:
    return {m.entity_id for m in article.mentions if _key(article.text[m.start:m.end]) == _key(form)}


def score_file(article, case: dict) -> Report:
    r = Report()
    mentions = [(_key(article.text[m.start:m.end]), m) for m in article.mentions]
    for item in case.get("must_find", []):
        r.expected += 1
        hits = [m for k, m in mentions if k == _key(item["text"]) and m.type == item["type"]]
        if hits:
            r.found += 1
        else:
            r.missing.append((case["file"], item["text"], item["type"],
                              sorted({m.type for k, m in mentions if k == _key(item["text"])})))
        if item["type"] == "PERSON" and item.get("role"):
            r.roles_expected += 1
            if any(m.role and _key(m.role) == _key(item["role"]) for m in hits):
                r.roles_right += 1
            else:
                r.wrong_role.append((case["file"], item["text"], item["role"], [m.role for m in hits]))
    for bad in case.get("must_not_find", []):
        if any(k == _key(bad) for k, _ in mentions):
            r.false.append((case["file"], bad))
    for group in case.get("same_entity", []):
        ids = set().union(*(ids_of(article, f) for f in group))
        if len(ids) != 1:
            r.unlinked.append((case["file"], group, len(ids)))
    for a, b in case.get("different_entities", []):
        shared = ids_of(article, a) & ids_of(article, b)
        if shared:
            r.merged.append((case["file"], a, b))
    return r


def score_cross(articles_by_file: dict, groups: list) -> list:
    problems = []
    for group in groups:
        ids = set()
        for name in group["files"]:
            article = articles_by_file.get(name)
            if article is None:
                continue
            ids |= set().union(*(ids_of(article, f) for f in group["forms"]))
        if len(ids) != 1:
            problems.append((group["forms"], len(ids)))
    return problems
