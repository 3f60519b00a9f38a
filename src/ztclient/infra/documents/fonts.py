"""Fonts for the PDFs: find, register, and fall back character by character.

Party documents conventionally use 仿宋 for body text, 宋体 for tables, 黑体 for headings. We use
the system's own fonts where present (Windows, UOS/Kylin CESI fonts, Debian packages), else the
fonts shipped in ``resources/fonts``. Each *role* has a chain of fonts; every character is set in
the first font of the chain that has a glyph for it, so a name with a character from a GB 18030
extension plane (𠀾, U+2003E) still prints. A character no font has is never drawn as an empty box:
``missing_glyphs`` names it, the renderers report it, and the page shows ``[U+XXXXX]`` instead.

reportlab embeds TrueType-outline (glyf) fonts only; CFF-based OTF files are skipped.
"""

from __future__ import annotations

import logging
import os
import sys
import threading
import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from xml.sax.saxutils import escape

import reportlab.pdfbase.ttfonts as _ttfonts
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFError, TTFont

from ztclient import resources

log = logging.getLogger(__name__)

FANGSONG, SONG, HEI, MONO = "fangsong", "song", "hei", "mono"
ROLES = (FANGSONG, SONG, HEI, MONO)

# Known file names per role, best first (lower case; matched case-insensitively, any folder).
# (file name, index inside a .ttc). Why these: see docs/documents.md, "Fonts".
_SYSTEM_CANDIDATES: dict[str, list[tuple[str, int]]] = {
    FANGSONG: [
        ("simfang.ttf", 0),
        ("cesi_fs_gb18030.ttf", 0),
        ("cesi_fs_gb13000.ttf", 0),
        ("cesi_fs_gb2312.ttf", 0),
        ("fangsong_gb2312.ttf", 0),
        ("stfangso.ttf", 0),
    ],
    SONG: [
        ("simsun.ttc", 0),
        ("cesi_ss_gb18030.ttf", 0),
        ("cesi_ss_gb13000.ttf", 0),
        ("cesi_ss_gb2312.ttf", 0),
        ("stsong.ttf", 0),
    ],
    HEI: [
        ("simhei.ttf", 0),
        ("cesi_ht_gb18030.ttf", 0),
        ("cesi_ht_gb13000.ttf", 0),
        ("cesi_ht_gb2312.ttf", 0),
        ("msyh.ttc", 0),
        ("wqy-microhei.ttc", 0),
        ("wqy-zenhei.ttc", 0),
    ],
    MONO: [],
}
# Extension-plane fonts, tried after a role's own fonts (SimSun-ExtB/ExtG on Windows).
_SYSTEM_EXTENSION = [
    ("simsunb.ttf", 0),
    ("simsunextg.ttf", 0),
    ("hanaminb.ttf", 0),
    ("hanamina.ttf", 0),
]

# Shipped fonts (resources/fonts): the floor under every chain.
_BUNDLED: dict[str, list[str]] = {
    FANGSONG: ["gbsn00lp.ttf", "HanaMinA.ttf"],
    SONG: ["gbsn00lp.ttf", "HanaMinA.ttf"],
    HEI: ["DroidSansFallbackFull.ttf"],
    MONO: ["DejaVuSansMono.ttf"],
}
_BUNDLED_EXTENSION = ["HanaMinA.ttf", "DroidSansFallbackFull.ttf"]


def system_font_dirs() -> list[Path]:
    """Folders where Windows, UOS, Kylin and Debian keep fonts."""
    dirs: list[Path] = []
    if sys.platform.startswith("win"):
        windir = os.environ.get("WINDIR", r"C:\Windows")
        dirs.append(Path(windir) / "Fonts")
        local = os.environ.get("LOCALAPPDATA")
        if local:
            dirs.append(Path(local) / "Microsoft" / "Windows" / "Fonts")
    else:
        home = Path.home()
        dirs += [
            Path("/usr/share/fonts"),
            Path("/usr/local/share/fonts"),
            home / ".local/share/fonts",
            home / ".fonts",
        ]
    return [d for d in dirs if d.is_dir()]


def _index_dir(dirs: Iterable[Path]) -> dict[str, Path]:
    found: dict[str, Path] = {}
    for d in dirs:
        for root, _subdirs, files in os.walk(d):
            for name in files:
                found.setdefault(name.lower(), Path(root) / name)
    return found


@dataclass(eq=False)
class Face:
    """One font file (or one face of a .ttc), registered with reportlab on first use."""

    path: Path
    index: int = 0
    source: str = "system"  # or "bundled"
    _font: TTFont | None = field(default=None, repr=False)
    _failed: bool = field(default=False, repr=False)

    @property
    def name(self) -> str:
        return f"zt-{self.path.stem}-{self.index}"

    def font(self) -> TTFont | None:
        """Parse and register the font; None when it cannot be embedded (e.g. CFF outlines)."""
        if self._font is None and not self._failed:
            try:
                font = TTFont(self.name, str(self.path), subfontIndex=self.index)
                pdfmetrics.registerFont(font)
                self._font = font
            except (TTFError, OSError, ValueError) as exc:
                log.warning("font %s not usable: %s", self.path, exc)
                self._failed = True
        return self._font

    def has(self, cp: int) -> bool:
        font = self.font()
        return font is not None and cp in font.face.charToGlyph


@dataclass
class FontSet:
    """The font chain of each role, and the character-by-character fallback over it."""

    chains: dict[str, list[Face]]
    _lock: threading.Lock = field(default_factory=threading.Lock, repr=False)
    _memo: dict[tuple[str, int], str | None] = field(default_factory=dict, repr=False)

    def face_for(self, ch: str, role: str) -> str | None:
        """Registered font name of the first face in ``role``'s chain that has ``ch``."""
        cp = ord(ch)
        key = (role, cp)
        try:
            return self._memo[key]
        except KeyError:
            pass
        with self._lock:
            name = None
            if cp < 0x20 or unicodedata.category(ch) in ("Zl", "Zp"):
                name = self.primary(role)  # control characters are never drawn
            else:
                for face in self.chains[role]:
                    if face.has(cp):
                        name = face.name
                        break
            self._memo[key] = name
        return name

    def primary(self, role: str) -> str:
        for face in self.chains[role]:
            if face.font() is not None:
                return face.name
        raise RuntimeError(f"no usable font for role {role}")

    def runs(self, text: str, role: str) -> list[tuple[str | None, str]]:
        """Split text into (font name, run); font None marks characters no font has."""
        out: list[tuple[str | None, str]] = []
        for ch in text:
            name = self.face_for(ch, role)
            if out and out[-1][0] == name:
                out[-1] = (name, out[-1][1] + ch)
            else:
                out.append((name, ch))
        return out

    def missing(self, text: str, role: str = SONG) -> list[str]:
        """Characters of ``text`` that no font of ``role`` has, once each, in order."""
        seen: list[str] = []
        for ch in text:
            if ch.isspace():
                continue
            if self.face_for(ch, role) is None and ch not in seen:
                seen.append(ch)
        return seen

    def markup(self, text: str, role: str) -> str:
        """Paragraph markup: each run in its font; unprintable characters as ``[U+XXXX]``."""
        parts = []
        for name, run in self.runs(text, role):
            if name is None:
                codes = "".join(f"[U+{ord(c):04X}]" for c in run)
                parts.append(f'<font name="{self.primary(MONO)}">{codes}</font>')
            else:
                parts.append(f'<font name="{name}">{escape(run)}</font>')
        return "".join(parts)

    def string_width(self, text: str, role: str, size: float) -> float:
        width = 0.0
        for name, run in self.runs(text, role):
            if name is None:
                run = "".join(f"[U+{ord(c):04X}]" for c in run)
                name = self.primary(MONO)
            width += pdfmetrics.stringWidth(run, name, size)
        return width

    def draw(
        self, canvas, x: float, y: float, text: str, role: str, size: float, align: str = "left"
    ) -> None:
        """Draw one line on a reportlab canvas, switching fonts between runs."""
        if align != "left":
            w = self.string_width(text, role, size)
            x -= w if align == "right" else w / 2
        for name, run in self.runs(text, role):
            if name is None:
                run = "".join(f"[U+{ord(c):04X}]" for c in run)
                name = self.primary(MONO)
            canvas.setFont(name, size)
            canvas.drawString(x, y, run)
            x += pdfmetrics.stringWidth(run, name, size)

    def describe(self) -> dict[str, list[str]]:
        """Role -> file names in the chain (for docs, logs and the bench)."""
        return {
            r: [f"{f.path.name}#{f.index} ({f.source})" for f in c] for r, c in self.chains.items()
        }


def glyph_name(ch: str) -> str:
    """Unicode name of a character, e.g. ``CJK UNIFIED IDEOGRAPH-2003E``."""
    return unicodedata.name(ch, f"U+{ord(ch):04X}")


def build_fontset(
    use_system: bool = True, extra_dirs: Sequence[Path] = (), bundled_dir: Path | None = None
) -> FontSet:
    """Assemble the chains. ``use_system=False`` gives the same result on every machine."""
    bundled_dir = bundled_dir or resources.path("fonts")
    index = _index_dir([*extra_dirs, *(system_font_dirs() if use_system else [])])
    faces: dict[tuple[Path, int], Face] = {}

    def face(path: Path, idx: int, source: str) -> Face:
        return faces.setdefault((path, idx), Face(path, idx, source))

    def system(cands: list[tuple[str, int]]) -> list[Face]:
        return [face(index[n], i, "system") for n, i in cands if n in index]

    def bundled(names: list[str]) -> list[Face]:
        return [face(bundled_dir / n, 0, "bundled") for n in names if (bundled_dir / n).is_file()]

    chains: dict[str, list[Face]] = {}
    for role in ROLES:
        chain = system(_SYSTEM_CANDIDATES[role]) + bundled(_BUNDLED[role])
        if role == FANGSONG:  # no 仿宋 on the machine: 宋体 is the conventional stand-in
            chain += system(_SYSTEM_CANDIDATES[SONG])
        if role == MONO:  # Chinese inside a monospace line falls back to the 宋体 chain
            chain += system(_SYSTEM_CANDIDATES[SONG]) + bundled(_BUNDLED[SONG])
        chain += system(_SYSTEM_EXTENSION) + bundled(_BUNDLED_EXTENSION)
        # The same file found twice (a system copy of a shipped font) is parsed once.
        seen: list[Face] = []
        names: set[str] = set()
        for f in chain:
            key = f"{f.path.name.lower()}#{f.index}"
            if key not in names:
                names.add(key)
                seen.append(f)
        chains[role] = seen
    return FontSet(chains)


@lru_cache(maxsize=4)
def default_fonts(use_system: bool = True) -> FontSet:
    """The process-wide font set (built once; font files are parsed lazily)."""
    return build_fontset(use_system=use_system)


def missing_glyphs(text: str, fonts: FontSet | None = None, role: str = SONG) -> list[str]:
    """Unicode names of the characters in ``text`` that no available font can print."""
    fonts = fonts or default_fonts()
    return [glyph_name(c) for c in fonts.missing(text, role)]


def _to_unicode_cmap(fontname: str, subset: list[int]) -> str:
    """reportlab writes ``<01> <2003E>`` for characters beyond the BMP, which PDF readers
    reject; the ToUnicode CMap needs UTF-16BE there (``<D840DC3E>``), or text extraction and
    search lose every supplementary-plane name."""

    def utf16(cp: int) -> str:
        return chr(cp).encode("utf-16-be", "surrogatepass").hex().upper()

    lines = [
        "/CIDInit /ProcSet findresource begin",
        "12 dict begin",
        "begincmap",
        "/CIDSystemInfo",
        f"<< /Registry ({fontname})",
        f"/Ordering ({fontname})",
        "/Supplement 0",
        ">> def",
        f"/CMapName /{fontname} def",
        "/CMapType 2 def",
        "1 begincodespacerange",
        f"<00> <{len(subset) - 1:02X}>",
        "endcodespacerange",
        f"{len(subset)} beginbfchar",
        *[f"<{i:02X}> <{utf16(v)}>" for i, v in enumerate(subset)],
        "endbfchar",
        "endcmap",
        "CMapName currentdict /CMap defineresource pop",
        "end",
        "end",
    ]
    return "\n".join(lines)


_ttfonts.makeToUnicodeCMap = _to_unicode_cmap
