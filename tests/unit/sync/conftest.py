"""The ``world`` fixture: device and central keys shared by the sync unit tests."""

from __future__ import annotations

import pytest
from tests.unit.sync.sync_world import World


@pytest.fixture(scope="session")
def world() -> World:
    return World()
