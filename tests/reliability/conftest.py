"""Fixtures of the crash, concurrency and load tests: the helper modules of this folder on sys.path
(named rel_* so they never shadow another folder's helpers), and the PostgreSQL fixtures of the store
tests (tests/store/conftest.py: $MARSAD_TEST_PG, else a throwaway cluster, else skip)."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

_spec = importlib.util.spec_from_file_location("reliability_store_conftest", HERE.parent / "store" / "conftest.py")
_store = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(_store)
pg_server, pg_schemas, pg_url = _store.pg_server, _store.pg_schemas, _store.pg_url
