"""What every PDF shares: A4 page, party-document margins and type sizes, "第 X 页 共 Y 页".

Margins follow GB/T 9704 (党政机关公文格式): top 37 mm, bottom 35 mm, left (binding) 28 mm,
right 26 mm. Sizes use the Chinese 字号: 二号 22 pt titles, 三号 16 pt body, 四号 14 pt,
小四 12 pt in tables, 五号 10.5 pt for the page footer.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from datetime import date, datetime

import reportlab.lib.textsplit as _textsplit
import reportlab.platypus.paragraph as _paragraph
from reportlab.lib import colors
from reportlab.lib.enums import TA_CENTER, TA_JUSTIFY, TA_LEFT, TA_RIGHT
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import Paragraph, SimpleDocTemplate, Table, TableStyle

from ztclient.infra.documents.atomic_out import atomic_path
from ztclient.infra.documents.fonts import FANGSONG, HEI, MONO, SONG, FontSet, glyph_name
from ztclient.services.report_models import MissingGlyph, RenderReport

# reportlab's list of characters that may not start a line (kinsoku) is Japanese: it lacks the
# full-width Chinese comma, semicolon, colon, question and exclamation marks, closing quotes and
# book-title marks, so a line could begin with "，". Add them (GB/T 15834 punctuation).
_CN_CANNOT_START = "，；：？！”’》〉"
_paragraph.ALL_CANNOT_START = _textsplit.ALL_CANNOT_START = _textsplit.ALL_CANNOT_START + "".join(
    c for c in _CN_CANNOT_START if c not in _textsplit.ALL_CANNOT_START
)

# Room to write a date by hand: no-break spaces, which Paragraph does not collapse (it folds
# ordinary and ideographic spaces into one).
DATE_BLANK = "年" + "\u00a0" * 6 + "月" + "\u00a0" * 6 + "日"

PAGE_W, PAGE_H = A4
TOP, BOTTOM, LEFT, RIGHT = 37 * mm, 35 * mm, 28 * mm, 26 * mm
FRAME_W = PAGE_W - LEFT - RIGHT  # 156 mm, the 公文 text width
TEXT_W = FRAME_W - 12  # what a paragraph gets: the frame keeps 6 pt padding on each side

# 字号 in points
SIZE_2, SIZE_3, SIZE_4, SIZE_S4, SIZE_5 = 22, 16, 14, 12, 10.5


class Glyphs:
    """Collects characters that no font can print, with the record they came from."""

    def __init__(self, fonts: FontSet) -> None:
        self.fonts = fonts
        self.found: list[MissingGlyph] = []

    def check(self, text: str, where: str, role: str = SONG) -> str:
        for ch in self.fonts.missing(text, role):
            item = MissingGlyph(ch, glyph_name(ch), where)
            if item not in self.found:
                self.found.append(item)
        return text


class Kit:
    """Styles and paragraph makers bound to one font set and one glyph collector."""

    def __init__(self, fonts: FontSet) -> None:
        self.fonts = fonts
        self.glyphs = Glyphs(fonts)
        p = fonts.primary

        def style(name: str, role: str, size: float, leading: float, **kw) -> ParagraphStyle:
            return ParagraphStyle(
                name, fontName=p(role), fontSize=size, leading=leading, wordWrap="CJK", **kw
            )

        self.styles: dict[str, tuple[ParagraphStyle, str]] = {
            "title": (
                style("title", SONG, SIZE_2, 34, alignment=TA_CENTER, spaceAfter=4 * mm),
                SONG,
            ),
            "subtitle": (
                style("subtitle", FANGSONG, SIZE_4, 22, alignment=TA_CENTER, spaceAfter=4 * mm),
                FANGSONG,
            ),
            "h": (
                style(
                    "h", HEI, SIZE_3, 26, spaceBefore=3 * mm, spaceAfter=1.5 * mm, keepWithNext=1
                ),
                HEI,
            ),
            "body": (
                style(
                    "body", FANGSONG, SIZE_3, 28, alignment=TA_JUSTIFY, firstLineIndent=2 * SIZE_3
                ),
                FANGSONG,
            ),
            # A long paragraph's later pieces (long_text.py): no indent, the same lines.
            "body_cont": (style("body_cont", FANGSONG, SIZE_3, 28, alignment=TA_JUSTIFY), FANGSONG),
            "plain": (style("plain", FANGSONG, SIZE_3, 28, alignment=TA_LEFT), FANGSONG),
            "text4": (style("text4", FANGSONG, SIZE_4, 24), FANGSONG),
            "text4r": (style("text4r", FANGSONG, SIZE_4, 24, alignment=TA_RIGHT), FANGSONG),
            "cell": (style("cell", SONG, SIZE_S4, 17), SONG),
            "cellc": (style("cellc", SONG, SIZE_S4, 17, alignment=TA_CENTER), SONG),
            "cellh": (style("cellh", HEI, SIZE_S4, 17, alignment=TA_CENTER), HEI),
            "label": (style("label", HEI, SIZE_S4, 17, alignment=TA_CENTER), HEI),
            "labels": (style("labels", HEI, SIZE_5, 13, alignment=TA_CENTER), HEI),
            "small": (style("small", SONG, SIZE_5, 15), SONG),
            "smallc": (style("smallc", SONG, SIZE_5, 14, alignment=TA_CENTER), SONG),
            "mono": (style("mono", MONO, 26, 40, alignment=TA_CENTER), MONO),
        }

    def p(self, text: str, style: str = "body", where: str = "", check: bool = True) -> Paragraph:
        """A paragraph in ``style``; every character in a font that has it, newlines kept.

        ``check=False`` when the caller has already checked the text record by record."""
        st, role = self.styles[style]
        if check:
            self.glyphs.check(text, where or text[:20], role)
        lines = [self.fonts.markup(line, role) for line in str(text).split("\n")]
        return Paragraph("<br/>".join(lines), st)

    def plain_table(self, rows: list[list], widths: list[float], extra: list | None = None):
        """A table without rules (signature lines, label/value blocks)."""
        t = Table(rows, colWidths=widths)
        t.setStyle(
            TableStyle(
                [
                    ("FONTNAME", (0, 0), (-1, -1), self.fonts.primary(SONG)),
                    ("LEFTPADDING", (0, 0), (-1, -1), 0),
                    ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
                    *(extra or []),
                ]
            )
        )
        return t

    def grid(
        self,
        rows: list[list],
        widths: list[float],
        header_rows: int = 0,
        extra: list | None = None,
        heights: list | None = None,
    ) -> Table:
        """A ruled table (all cells already flowables), repeating its header rows on new pages."""
        t = Table(rows, colWidths=widths, rowHeights=heights, repeatRows=header_rows)
        cmds = [
            # Empty spanned cells are drawn as strings in the table's font: make it ours,
            # or the PDF names Helvetica without embedding it.
            ("FONTNAME", (0, 0), (-1, -1), self.fonts.primary(SONG)),
            ("GRID", (0, 0), (-1, -1), 0.6, colors.black),
            ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
            ("TOPPADDING", (0, 0), (-1, -1), 3),
            ("BOTTOMPADDING", (0, 0), (-1, -1), 4),
            ("LEFTPADDING", (0, 0), (-1, -1), 4),
            ("RIGHTPADDING", (0, 0), (-1, -1), 4),
        ]
        t.setStyle(TableStyle(cmds + (extra or [])))
        return t


def fmt_date(d: date | datetime | None) -> str:
    """2026年3月5日 (no leading zeros, as clerks write it)."""
    if d is None:
        return ""
    return f"{d.year}年{d.month}月{d.day}日"


def fmt_time(t: datetime) -> str:
    """上午9时30分 / 下午2时 (12-hour with 上午/下午, as minutes books write times)."""
    half = "上午" if t.hour < 12 else "下午"
    hour = t.hour if t.hour <= 12 else t.hour - 12
    return f"{half}{hour}时" + (f"{t.minute:02d}分" if t.minute else "")


def _numbered_canvas(
    fonts: FontSet,
    draw_extra: Callable[[Canvas, int, int], None] | None,
    tick: Callable[[], None] | None = None,
):
    class NumberedCanvas(Canvas):
        """Holds every page until save() so the footer can say how many pages there are."""

        def __init__(self, *args, **kwargs) -> None:
            # Our own font as the initial font: otherwise every page names Helvetica, a font
            # that is not embedded.
            # (DocTemplate passes initialFontName=None explicitly, so setdefault is not enough.)
            kwargs["initialFontName"] = kwargs.get("initialFontName") or fonts.primary(SONG)
            kwargs["initialFontSize"] = kwargs.get("initialFontSize") or SIZE_S4
            super().__init__(*args, **kwargs)
            self._pages: list[dict] = []

        def showPage(self) -> None:
            self._pages.append(dict(self.__dict__))
            self._startPage()

        def save(self) -> None:
            total = len(self._pages)
            for number, state in enumerate(self._pages, start=1):
                self.__dict__.update(state)
                fonts.draw(
                    self,
                    PAGE_W / 2,
                    18 * mm,
                    f"第 {number} 页 共 {total} 页",
                    SONG,
                    SIZE_5,
                    align="center",
                )
                if draw_extra:
                    draw_extra(self, number, total)
                if tick:
                    tick()  # a long document's pages are finished here: keep reporting
                super().showPage()
            super().save()

    return NumberedCanvas


def build_pdf(
    kit: Kit,
    out_path: str | os.PathLike,
    story: list,
    title: str,
    draw_extra: Callable[[Canvas, int, int], None] | None = None,
    margins: tuple[float, float, float, float] | None = None,
    progress: Callable[[int, int], None] | None = None,
) -> RenderReport:
    """Lay out ``story`` on A4 and write it atomically; report pages and missing glyphs.

    ``progress(done, total)`` is called after every flowable laid out (a fraction of a second
    apart at most), so the caller can show progress and cancel by raising from it; a cancelled
    document leaves no file behind (atomic_path)."""
    top, bottom, left, right = margins or (TOP, BOTTOM, LEFT, RIGHT)
    pages = 0
    total = len(story)
    tick = (lambda: progress(total, total)) if progress is not None else None
    canvas_cls = _numbered_canvas(kit.fonts, draw_extra, tick)

    class Counting(canvas_cls):  # type: ignore[misc, valid-type]
        def save(self) -> None:
            nonlocal pages
            pages = len(self._pages)
            super().save()

    with atomic_path(out_path) as tmp:
        doc = SimpleDocTemplate(
            str(tmp),
            pagesize=A4,
            topMargin=top,
            bottomMargin=bottom,
            leftMargin=left,
            rightMargin=right,
            title=title,
            author="ztclient",
            creator="ztclient",
        )
        if progress is not None:
            done = [0]

            def after(_flowable) -> None:
                done[0] += 1
                progress(min(done[0], total), total)

            doc.afterFlowable = after
        doc.build(story, canvasmaker=Counting)
    return RenderReport(path=str(out_path), pages=pages, missing_glyphs=tuple(kit.glyphs.found))
