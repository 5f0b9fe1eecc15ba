"""Property tests and bounded fuzzing. The strategies live in news.py next to this file; the Hypothesis
profiles (ci: derandomized, dev: 10x the examples) are registered in tests/conftest.py."""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
