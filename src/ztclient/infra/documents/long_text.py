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
PROBE = 4000  # characters probed at a time (a few milliseconds each)
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


def _lines(text: str, kit: Kit, style: str, width: float, progress: Progress) -> list[str]:
    """The lines reportlab breaks ``text`` into, probed a window at a time.

    Line breaking is greedy from the start of a line, so the lines of a window that starts at a
    line start are the paragraph's own, except the window's last (it may have been cut short):
    that one is probed again as the start of the next window. A window of PROBE characters
    keeps each step short, so ``progress`` is called often even for one huge paragraph.
    The probe sets the text in the style's main font only: CJK faces give every ideograph the
    same advance, so the lines match the real ones; where a fallback font's width differs, the
    worst case is one early line break where two pieces meet."""
    st = kit.styles[style][0]
    cont = kit.styles[style + "_cont"][0] if style + "_cont" in kit.styles else st
    out: list[str] = []
    cursor = 0
    while cursor < len(text):
        window = text[cursor : cursor + PROBE]
        probe = Paragraph(escape(window), st if not out else cont)
        probe.wrap(width, 1e9)
        lines = _line_texts(probe)
        last = cursor + len(window) >= len(text)
        keep = lines if last or len(lines) < 2 else lines[:-1]
        for line in keep:
            stripped = line.strip()
            start = text.find(stripped[:1], cursor) if stripped else cursor
            if start < 0:
                return [*out, text[cursor:]]
            out.append(text[cursor : start + len(stripped)])
            cursor = start + len(stripped)
        if last:
            break
        if progress:
            progress(cursor, len(text))
    tail = text[cursor:]
    if tail.strip():
        out.append(tail)
    return out


def _pieces(text: str, kit: Kit, style: str, width: float, progress: Progress = None) -> list[str]:
    """``text`` cut at line ends of its own layout into pieces of LINES_PER_PIECE lines."""
    lines = _lines(text, kit, style, width, progress)
    return [
        "".join(lines[i : i + LINES_PER_PIECE]).strip()
        for i in range(0, len(lines), LINES_PER_PIECE)
        if "".join(lines[i : i + LINES_PER_PIECE]).strip()
    ]


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
            base = done
            step = None if progress is None else (lambda d, _t, b=base: progress(b + d, total))
            for i, piece in enumerate(_pieces(line, kit, style, width, step)):
                out.append(kit.p(piece, style if i == 0 else style + "_cont", check=False))
            done = base + len(line)
            if progress:
                progress(done, total)
            continue
        done += len(line)
        if progress and len(out) % 20 == 0:
            progress(done, total)
    return out
