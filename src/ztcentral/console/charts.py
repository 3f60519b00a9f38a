"""Small server-drawn SVG charts (no JavaScript, no external library; readable when printed).

Colours come from CSS classes (static/console.css), so the SVG carries no style of its own and
the Content-Security-Policy needs no inline styles.
"""

from __future__ import annotations

from html import escape

from markupsafe import Markup


def stacked_bar(parts: list[tuple[str, int, str]], width: int = 520, height: int = 22) -> Markup:
    """One horizontal bar split into parts (label, value, css class), with a legend below."""
    total = sum(v for _, v, _ in parts) or 1
    x, rects, legend = 0.0, [], []
    for i, (label, value, cls) in enumerate(parts):
        w = width * value / total
        if w > 0:
            rects.append(
                f'<rect class="{cls}" x="{x:.1f}" y="0" width="{w:.1f}" height="{height}">'
                f"<title>{escape(label)}: {value}</title></rect>"
            )
        x += w
        legend.append(
            f'<rect class="{cls}" x="{i * 130}" y="{height + 8}" width="12" height="12"/>'
            f'<text x="{i * 130 + 16}" y="{height + 19}">{escape(label)} {value}</text>'
        )
    rows = (len(parts) * 130) // width + 1
    svg_h = height + 8 + 18 * rows
    return Markup(
        f'<svg class="chart" viewBox="0 0 {max(width, len(parts) * 130)} {svg_h}" '
        f'role="img">{"".join(rects)}{"".join(legend)}</svg>'
    )


def columns(
    bars: list[tuple[str, int]], width: int = 520, height: int = 140, cls: str = "c1"
) -> Markup:
    """Vertical columns with labels under them and values above them."""
    if not bars:
        return Markup("")
    top = max(v for _, v in bars) or 1
    step = width / len(bars)
    body = []
    for i, (label, value) in enumerate(bars):
        h = (height - 40) * value / top  # room above the tallest bar for its value
        x = i * step + step * 0.15
        body.append(
            f'<rect class="{cls}" x="{x:.1f}" y="{height - 18 - h:.1f}" width="{step * 0.7:.1f}" '
            f'height="{h:.1f}"><title>{escape(label)}: {value}</title></rect>'
            f'<text class="v" x="{x + step * 0.35:.1f}" y="{height - 22 - h:.1f}">{value}</text>'
            f'<text x="{x + step * 0.35:.1f}" y="{height - 4}">{escape(label)}</text>'
        )
    return Markup(
        f'<svg class="chart cols" viewBox="0 0 {width} {height}" role="img">{"".join(body)}</svg>'
    )


def meter(done: int, total: int, width: int = 90, height: int = 10) -> Markup:
    """A tiny progress bar for a table cell."""
    share = done / total if total else 0.0
    cls = "ok" if share >= 1 else "mid" if share >= 0.5 else "low"
    return Markup(
        f'<svg class="meter" viewBox="0 0 {width} {height}" width="{width}" height="{height}">'
        f'<rect class="track" width="{width}" height="{height}"/>'
        f'<rect class="{cls}" width="{width * share:.1f}" height="{height}"/></svg>'
    )
