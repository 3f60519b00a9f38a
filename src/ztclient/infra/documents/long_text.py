"""Long running text (会议内容 of tens of thousands of characters) as a readable document, fast.

reportlab lays a paragraph out again every time it splits it across a page, so one paragraph of
60,000 characters costs time in the square of its length (minutes for a long record, and line
breaks typed with Enter were lost into one block). Here:

- every line the clerk typed is its own paragraph, indented two characters (公文 practice);
- a paragraph longer than ``CHUNK`` characters is broken into lines once, by reportlab itself,
  and cut into pieces of whole lines; each piece is a small paragraph that wraps to exactly the
  same lines (line breaking is greedy from the start of a line), so the page shows one
  continuous paragraph while a page break only ever splits a small piece.

``progress(done, total)`` is called for every piece made, so a caller can show progress and
cancel (the callable raises DomainError("E_CANCELLED")).
"""

from __future__ import annotations

from collections.abc import Callable
from xml.sax.saxutils import escape

from reportlab.platypus import Paragraph

from ztclient.infra.documents.pdf_common import TEXT_W, Kit

CHUNK = 1200  # characters: longer paragraphs are cut into pieces of whole lines
LINES_PER_PIECE = 12
Progress = Callable[[int, int], None] | None


def _line_texts(para: Paragraph) -> list[str]:
    """The text of each line reportlab broke ``para`` into (after ``wrap``)."""
    lines = para.blPara.lines
    out = []
    for line in lines:
        if isinstance(line, tuple):  # kind 0: (extra space, [words])
            out.append("".join(line[1]))
        else:  # kind 1: a FragLine of fragments, each with its text
            out.append("".join(getattr(w, "text", "") for w in line.words))
    return out


def _pieces(text: str, kit: Kit, style: str, width: float) -> list[str]:
    """``text`` cut at line ends of its own layout into pieces of LINES_PER_PIECE lines.

    The layout is probed in the style's main font only: CJK faces give every ideograph the
    same advance, so the lines match the real ones; where a fallback font's width differs,
    the worst case is one early line break where two pieces meet."""
    probe = Paragraph(escape(text), kit.styles[style][0])
    probe.wrap(width, 1e9)
    pieces, cursor, current, count = [], 0, [], 0
    for line in _line_texts(probe):
        # Find the line in the original text (the breaker drops spaces at line ends).
        stripped = line.strip()
        start = text.find(stripped[:1], cursor) if stripped else cursor
        if start < 0:
            break
        end = start + len(stripped)
        current.append(text[cursor:end])
        cursor, count = end, count + 1
        if count == LINES_PER_PIECE:
            pieces.append("".join(current).strip())
            current, count = [], 0
    tail = "".join(current) + text[cursor:]
    if tail.strip():
        pieces.append(tail.strip())
    return pieces


def paragraphs(
    kit: Kit,
    text: str,
    where: str,
    style: str = "body",
    progress: Progress = None,
    width: float = TEXT_W,
) -> list[Paragraph]:
    """One indented paragraph per typed line; long ones as pieces of whole lines."""
    lines = [line.strip() for line in text.replace("\r\n", "\n").split("\n") if line.strip()]
    total = sum(len(line) for line in lines) or 1
    done = 0
    out: list[Paragraph] = []
    for line in lines:
        kit.glyphs.check(line, f"{where}: {line[:12]}", kit.styles[style][1])
        if len(line) <= CHUNK:
            out.append(kit.p(line, style, check=False))
        else:
            for i, piece in enumerate(_pieces(line, kit, style, width)):
                out.append(kit.p(piece, style if i == 0 else style + "_cont", check=False))
                done += len(piece)
                if progress:
                    progress(done, total)
            continue
        done += len(line)
        if progress and len(out) % 20 == 0:
            progress(done, total)
    return out
