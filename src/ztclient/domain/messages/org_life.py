"""Error texts of one area — the organisation and its life: branches, committees, elections, 谈心谈话, 民主评议.

code -> (中文, English); ``{placeholders}`` are filled from the error's params. Field names that
appear in params get their labels in FIELD_LABELS.
"""

from __future__ import annotations

MESSAGES: dict[str, tuple[str, str]] = {}

FIELD_LABELS: dict[str, tuple[str, str]] = {}
