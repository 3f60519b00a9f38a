"""Error texts of one area — integrity: damaged files, the keyed and anchored audit chain, rekey, disk errors, diagnostics.

code -> (中文, English); ``{placeholders}`` are filled from the error's params. Field names that
appear in params get their labels in FIELD_LABELS.
"""

from __future__ import annotations

MESSAGES: dict[str, tuple[str, str]] = {
    # --- the database file, before it is opened ------------------------------------------
    "E_DB_MISSING": (
        "找不到数据库文件，但密钥文件还在：请从备份恢复（{path}）",
        "The database file is missing but the key file is still there; restore from a backup ({path})",
    ),
}

FIELD_LABELS: dict[str, tuple[str, str]] = {}
