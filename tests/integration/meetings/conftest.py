"""Fixtures of the meeting tests; the world itself (people, dates, meetings) is in
meeting_world.py, so test modules can import it."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).parent))

from meeting_world import make_unit


@pytest.fixture
def branch_unit(tmp_path):
    s, ids = make_unit(tmp_path)
    yield s, ids
    s.close()
