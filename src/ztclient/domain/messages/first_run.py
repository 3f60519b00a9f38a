"""Error texts of one area — first run, the desktop program's forgiving editing, passphrases, backups in the program.

code -> (中文, English); ``{placeholders}`` are filled from the error's params. Field names that
appear in params get their labels in FIELD_LABELS.
"""

from __future__ import annotations

MESSAGES: dict[str, tuple[str, str]] = {}

FIELD_LABELS: dict[str, tuple[str, str]] = {}
