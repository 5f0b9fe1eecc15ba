"""The corrections table of the SQLite store (migration 0005): add, list, get, delete.

Validation, target checks and orphans live in `marsad.corrections` (store-independent); this mixin only
reads and writes rows.
"""

from __future__ import annotations

import json

from marsad.store.corrections_rows import COLUMNS as _COLUMNS
from marsad.store.corrections_rows import CorrectionReads


class SQLiteCorrections(CorrectionReads):
    """Mixed into SQLiteStore; uses its `db` and `_write()`."""

    _MARK = "?"
    _ORDER = "rowid"

    def add_correction(self, kind: str, target: str, value: object = None, by: str | None = None) -> dict:
        """Validate and store a correction (UsageError when its kind, target or value is bad, or when the
        target is not in the store); returns the record with its new id."""
        from marsad.corrections import new_correction, require_target

        record = new_correction(kind, target, value, by)
        require_target(self, record)
        if record["kind"] == "set_speaker" and record["value"]["entity_id"] and not record["value"]["speaker"]:
            row = self.db.execute("SELECT coalesce(canonical, text) FROM mentions WHERE entity_id = ? AND type != 'NORP'"
                                  " ORDER BY canonical IS NULL LIMIT 1", (record["value"]["entity_id"],)).fetchone()
            record["value"]["speaker"] = row[0] if row else None
        with self._write():
            self.db.execute(f"INSERT INTO corrections ({_COLUMNS}) VALUES (?, ?, ?, ?, ?, ?)",
                            (record["id"], record["kind"], record["target"],
                             json.dumps(record["value"], ensure_ascii=False, sort_keys=True), record["by"],
                             record["at"]))
        return record

    def delete_correction(self, correction_id: str) -> dict:
        """Undo: delete the correction; returns what it was. NotFound when there is no such correction."""
        with self._write():
            record = self._correction_row(correction_id)
            self.db.execute("DELETE FROM corrections WHERE id = ?", (correction_id,))
        return record
