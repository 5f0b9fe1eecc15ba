"""What both stores' corrections tables share: the row shape and the reads (list, get), so that only
the SQL dialect (placeholder, insertion-order column) differs between SQLite and PostgreSQL."""

from __future__ import annotations

import json

from marsad.errors import NotFound

COLUMNS = "id, kind, target, value, by_name, at"


def record_of(row: tuple) -> dict:
    return {"id": row[0], "kind": row[1], "target": row[2], "value": json.loads(row[3]), "by": row[4], "at": row[5]}


class CorrectionReads:
    """Mixed into a store's corrections mixin, which sets `_MARK` (the SQL placeholder) and `_ORDER`
    (the column that keeps insertion order, the order corrections apply in)."""

    _MARK = "?"
    _ORDER = "rowid"

    def list_corrections(self, check_targets: bool = True) -> list[dict]:
        """Every correction, oldest first; with `check_targets`, each has `orphan` (its target is gone)."""
        records = [record_of(r) for r in self.db.execute(f"SELECT {COLUMNS} FROM corrections ORDER BY {self._ORDER}")]
        if check_targets:
            from marsad.corrections import orphans

            lost = orphans(self, records)
            for r in records:
                r["orphan"] = r["id"] in lost
        return records

    def _correction_row(self, correction_id: str) -> dict:
        row = self.db.execute(f"SELECT {COLUMNS} FROM corrections WHERE id = {self._MARK}",
                              (correction_id,)).fetchone()
        if row is None:
            raise NotFound(f"no correction with id '{correction_id}'")
        return record_of(row)

    def get_correction(self, correction_id: str) -> dict:
        """One correction with `orphan`; NotFound when there is no such correction."""
        from marsad.corrections import orphans

        record = self._correction_row(correction_id)
        return record | {"orphan": bool(orphans(self, [record]))}
