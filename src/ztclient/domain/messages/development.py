"""Error texts of one area — 发展党员 and membership changes (events, stages, transfers between units).

code -> (中文, English); ``{placeholders}`` are filled from the error's params. Field names that
appear in params get their labels in FIELD_LABELS.
"""

from __future__ import annotations

MESSAGES: dict[str, tuple[str, str]] = {}

FIELD_LABELS: dict[str, tuple[str, str]] = {}
