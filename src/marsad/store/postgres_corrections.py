"""The corrections table of the PostgreSQL store (migration 0005): add, list, get, delete.

As store/sqlite_corrections.py: validation, target checks and orphans live in `marsad.corrections`;
the insertion order (the order corrections apply in) is the `seq` column.
"""

from __future__ import annotations

import json

from marsad.store.corrections_rows import COLUMNS as _COLUMNS
from marsad.store.corrections_rows import CorrectionReads


class PostgresCorrections(CorrectionReads):
    """Mixed into PostgresStore; uses its `db` and `_atomic()`."""

    _MARK = "%s"
    _ORDER = "seq"

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

    def delete_correction(self, correction_id: str) -> dict:
        """Undo: delete the correction; returns what it was. NotFound when there is no such correction."""

        def delete() -> dict:
            record = self._correction_row(correction_id)
            self.db.execute("DELETE FROM corrections WHERE id = %s", (correction_id,))
            return record

        return self._atomic(delete)
