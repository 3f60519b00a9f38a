"""Non-secret settings of one data folder (language, auto-lock, study targets, window geometry).

Kept in ``DATA_DIR/settings.json`` (docs/architecture.md, "Data folder"), beside the data they
belong to: targets are the unit's, and a shared PC may hold several units. Written atomically.
"""

from __future__ import annotations

import json
import os
import tempfile
from pathlib import Path
from typing import Any

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
        """Write beside the target, fsync, rename: a crash leaves the old or the new file."""
        folder = self.path.parent
        if not folder.is_dir():
            return  # no data folder yet (before the first run): nothing to keep it in
        text = json.dumps(self.values, ensure_ascii=False, indent=2, sort_keys=True)
        fd, tmp = tempfile.mkstemp(prefix=".settings-", dir=folder)
        try:
            with os.fdopen(fd, "w", encoding="utf-8") as f:
                f.write(text)
                f.flush()
                os.fsync(f.fileno())
            os.replace(tmp, self.path)
        except BaseException:
            Path(tmp).unlink(missing_ok=True)
            raise
