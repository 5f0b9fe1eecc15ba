"""The corrections table of the PostgreSQL store (migration 0005): add, list, get, delete.

As store/sqlite_corrections.py: validation, target checks and orphans live in `marsad.corrections`;
the insertion order (the order corrections apply in) is the `seq` column.
"""

from __future__ import annotations

import json

from marsad.errors import NotFound
from marsad.store.sqlite_corrections import _COLUMNS, _record


class PostgresCorrections:
    """Mixed into PostgresStore; uses its `db` and `_atomic()`."""

    def add_correction(self, kind: str, target: str, value: object = None, by: str | None = None) -> dict:
        """Validate and store a correction (UsageError when its kind, target or value is bad, or when the
        target is not in the store); returns the record with its new id."""
        from marsad.corrections import new_correction, require_target
        from marsad.store.postgres import pg_text

        record = new_correction(kind, target, value, by)
        require_target(self, record)
        if record["kind"] == "set_speaker" and record["value"]["entity_id"] and not record["value"]["speaker"]:
            row = self.db.execute("SELECT coalesce(canonical, text) FROM mentions WHERE entity_id = %s"
                                  " AND type != 'NORP' ORDER BY canonical IS NULL, article_id, start LIMIT 1",
                                  (record["value"]["entity_id"],)).fetchone()
            record["value"]["speaker"] = row[0] if row else None
        self._atomic(lambda: self.db.execute(
            f"INSERT INTO corrections ({_COLUMNS}) VALUES (%s, %s, %s, %s, %s, %s)",
            (record["id"], record["kind"], pg_text(record["target"]),
             json.dumps(record["value"], ensure_ascii=False, sort_keys=True), pg_text(record["by"]), record["at"])))
        return record

    def list_corrections(self, check_targets: bool = True) -> list[dict]:
        """Every correction, oldest first; with `check_targets`, each has `orphan` (its target is gone)."""
        records = [_record(r) for r in self.db.execute(f"SELECT {_COLUMNS} FROM corrections ORDER BY seq")]
        if check_targets:
            from marsad.corrections import orphans

            lost = orphans(self, records)
            for r in records:
                r["orphan"] = r["id"] in lost
        return records

    def _correction_row(self, correction_id: str) -> dict:
        row = self.db.execute(f"SELECT {_COLUMNS} FROM corrections WHERE id = %s", (correction_id,)).fetchone()
        if row is None:
            raise NotFound(f"no correction with id '{correction_id}'")
        return _record(row)

    def get_correction(self, correction_id: str) -> dict:
        """One correction with `orphan`; NotFound when there is no such correction."""
        from marsad.corrections import orphans

        record = self._correction_row(correction_id)
        return record | {"orphan": bool(orphans(self, [record]))}

    def delete_correction(self, correction_id: str) -> dict:
        """Undo: delete the correction; returns what it was. NotFound when there is no such correction."""

        def delete() -> dict:
            record = self._correction_row(correction_id)
            self.db.execute("DELETE FROM corrections WHERE id = %s", (correction_id,))
            return record

        return self._atomic(delete)
