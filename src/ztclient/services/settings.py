"""Non-secret settings of one data folder (language, auto-lock, study targets, window geometry).

Kept in ``DATA_DIR/settings.json`` (docs/architecture.md, "Data folder"), beside the data they
belong to: targets are the unit's, and a shared PC may hold several units. Written atomically.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from ztprotocol.atomic import atomic_write_json

DEFAULTS: dict[str, Any] = {
    "language": "zh_CN",
    "auto_lock_minutes": 5,
    "target_hours": 32.0,
    "target_hours_leaders": 56.0,
}
FILE = "settings.json"


class SettingsStore:
    """A small JSON document; unknown keys are kept, missing ones fall back to DEFAULTS."""

    def __init__(self, path: Path) -> None:
        self.path = Path(path)
        self.values: dict[str, Any] = {}
        self.load()

    def load(self) -> None:
        try:
            data = json.loads(self.path.read_text(encoding="utf-8"))
            self.values = data if isinstance(data, dict) else {}
        except (OSError, ValueError):
            # No file yet (first run) or a damaged one: defaults are safe for every key.
            self.values = {}

    def get(self, key: str, default: Any = None) -> Any:
        if key in self.values:
            return self.values[key]
        return DEFAULTS.get(key, default)

    def set(self, key: str, value: Any) -> None:
        self.values[key] = value

    def save(self) -> None:
        """Written by the house's one atomic writer (ztprotocol.atomic: temp file, fsync,
        rename, folder fsync): a crash or power cut leaves the old file or the new."""
        if not self.path.parent.is_dir():
            return  # no data folder yet (before the first run): nothing to keep it in
        atomic_write_json(self.path, self.values)
