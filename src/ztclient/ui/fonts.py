"""Register the bundled CJK font at start so Chinese renders on a PC without Chinese fonts."""

from __future__ import annotations

import logging

from PySide6.QtGui import QFont, QFontDatabase, QFontInfo
from PySide6.QtWidgets import QApplication

log = logging.getLogger(__name__)

# Preferred UI font files in resources/fonts, best first. A sans face reads best on screen;
# the serif ones are there for printing and are used only when nothing else is.
PREFERRED = (
    "DroidSansFallbackFull.ttf",
    "NotoSansSC-Regular.otf",
    "NotoSansCJK-Regular.ttc",
    "wqy-microhei.ttc",
    "gbsn00lp.ttf",
    "HanaMinA.ttf",
)
LATIN_FALLBACK = "DejaVuSansMono.ttf"
# Families that already render Chinese well when the system has them.
SYSTEM_CJK = (
    "Microsoft YaHei",
    "微软雅黑",
    "Noto Sans CJK SC",
    "Source Han Sans SC",
    "WenQuanYi Micro Hei",
    "SimSun",
    "宋体",
)


def register_cjk_font(app: QApplication, point_size: float = 10.5) -> str | None:
    """Add the bundled font and put it in the application font's fallback list.

    A system Chinese font (微软雅黑 on Windows) stays first when present; the bundled one is the
    fallback that guarantees no tofu boxes. Returns the family now used for Chinese, or None.
    """
    from ztclient import resources

    folder = resources.path("fonts")
    files = [folder / name for name in PREFERRED if (folder / name).exists()]
    if not files and folder.is_dir():
        files = sorted(p for p in folder.iterdir() if p.suffix.lower() in (".ttf", ".otf", ".ttc"))
    bundled: str | None = None
    for file in files:
        font_id = QFontDatabase.addApplicationFont(str(file))
        if font_id < 0:
            log.warning("could not load font %s", file)
            continue
        families = QFontDatabase.applicationFontFamilies(font_id)
        if families and bundled is None:
            bundled = families[0]
        break  # one UI font is enough; the big serif files cost memory on a 4 GB machine
    if bundled is None:
        log.warning("no bundled CJK font found in %s; relying on system fonts", folder)
    # Droid Sans Fallback has no Latin letters or digits: on a machine with no fonts at all
    # (a bare Linux install) the small bundled DejaVu face keeps numbers readable.
    latin = None
    if (folder / LATIN_FALLBACK).exists():
        latin_id = QFontDatabase.addApplicationFont(str(folder / LATIN_FALLBACK))
        latin = (
            (QFontDatabase.applicationFontFamilies(latin_id) or [None])[0]
            if latin_id >= 0
            else None
        )
    installed = set(QFontDatabase.families())
    default = app.font().family()
    system = [f for f in SYSTEM_CJK if f in installed]
    families = [default] if default in installed and default not in (bundled, latin) else []
    families += system[:1] + ([bundled] if bundled else []) + ([latin] if latin else [])
    if not families:
        return None
    font = QFont(app.font())
    font.setFamilies(families)
    font.setPointSizeF(point_size)
    app.setFont(font)
    used = QFontInfo(font).family()
    log.info("UI font families %s (resolved %s)", families, used)
    return bundled or (system[0] if system else None)
