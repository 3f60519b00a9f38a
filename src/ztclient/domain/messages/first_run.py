"""Error texts of one area — first run, the desktop program's forgiving editing, passphrases, backups in the program.

code -> (中文, English); ``{placeholders}`` are filled from the error's params. Field names that
appear in params get their labels in FIELD_LABELS.
"""

from __future__ import annotations

MESSAGES: dict[str, tuple[str, str]] = {
    "E_CANCELLED": ("已取消", "Cancelled"),
    "E_PASSPHRASE_SIMPLE": (
        "密码太简单：至少要有{distinct}个不同的字符，也不能是 12345678、abcdefgh、qwerty 这样的连续字符",
        "The passphrase is too simple: use at least {distinct} different characters, and no run "
        "such as 12345678, abcdefgh or qwerty",
    ),
    "E_PASSPHRASE_COMMON": (
        "这是最常见的密码之一（加上数字或年份也一样容易被猜中），请换一句自己好记的话",
        "This is one of the most common passwords (digits or a year added do not help): "
        "choose a phrase of your own",
    ),
}

FIELD_LABELS: dict[str, tuple[str, str]] = {}
