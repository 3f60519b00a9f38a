"""Every PDF: qpdf finds no damage, every font is embedded (no Helvetica sneaking in), poppler
extracts the names (one outside the BMP), the footer counts pages, and it renders to PNG."""

from __future__ import annotations

import re

import pytest
import sample_docs as s

from conftest import run
from ztclient.infra.documents.card_pdf import render_card
from ztclient.infra.documents.minutes_pdf import render_minutes
from ztclient.infra.documents.recovery_pdf import render_recovery
from ztclient.infra.documents.signin_pdf import render_signin

DOCS = {
    "minutes": (
        render_minutes,
        s.minutes,
        [s.RARE_NAME, "王建国", "接收刘洋同志为中共预备党员", "散会", "李文华"],
    ),
    "signin": (render_signin, s.signin, [s.RARE_NAME, "党员23", "列席人员签到"]),
    "card": (render_card, s.card, [s.RARE_NAME, "3701**********1234", "宣传委员"]),
    "recovery": (render_recovery, s.recovery, ["000G8", "24GKH", "中共青山镇机关委员会"]),
}


def pdf_text(path) -> str:
    out = run("pdftotext", "-enc", "UTF-8", str(path), "-")
    assert out.returncode == 0, out.stderr
    return out.stdout


def fonts_table(path) -> list[dict[str, str]]:
    out = run("pdffonts", str(path))
    assert out.returncode == 0, out.stderr
    rows = []
    for line in out.stdout.splitlines()[2:]:
        # name type... encoding emb sub uni id gen: the last 5 columns are fixed
        parts = line.split()
        rows.append({"name": parts[0], "emb": parts[-5], "sub": parts[-4], "uni": parts[-3]})
    return rows


@pytest.mark.parametrize("kind", sorted(DOCS))
@pytest.mark.parametrize("system", [False, True], ids=["bundled-fonts", "system-fonts"])
def test_pdf_is_valid_embedded_and_searchable(kind, system, tmp_path, bundled_fonts):
    from ztclient.infra.documents.fonts import default_fonts

    render, make, expected = DOCS[kind]
    fonts = bundled_fonts if not system else default_fonts()
    out = tmp_path / f"{kind}.pdf"
    report = render(make(), out, fonts=fonts)
    assert report.missing_glyphs == ()

    check = run("qpdf", "--check", str(out))
    assert check.returncode == 0, check.stdout + check.stderr
    assert "No syntax or stream encoding errors" in check.stdout

    table = fonts_table(out)
    assert table, "no fonts listed"
    for row in table:
        assert row["emb"] == "yes", f"{row['name']} is not embedded"
        assert row["uni"] == "yes", f"{row['name']} has no ToUnicode map"

    text = pdf_text(out)
    for word in expected:
        assert word in text, f"{word!r} not found in the {kind} PDF text"
    info = run("pdfinfo", str(out)).stdout
    pages = int(re.search(r"Pages:\s+(\d+)", info).group(1))
    assert pages == report.pages
    assert f"第 1 页 共 {pages} 页" in text
    assert "A4" in info or "595.276 x 841.89" in info

    png = run("pdftoppm", "-r", "40", "-f", "1", "-l", "1", "-png", str(out), str(tmp_path / kind))
    assert png.returncode == 0, png.stderr
    assert list(tmp_path.glob(f"{kind}*.png"))


def test_one_page_forms_fit_one_page(tmp_path, bundled_fonts):
    assert render_card(s.card(), tmp_path / "c.pdf", fonts=bundled_fonts).pages == 1
    assert render_recovery(s.recovery(), tmp_path / "r.pdf", fonts=bundled_fonts).pages == 1


def test_rare_character_is_drawn_from_an_extension_font(tmp_path, bundled_fonts):
    """𠀾 (U+2003E) is not in the GB 2312 font: it must come from the fallback, and come back
    out of the text layer as the same character (UTF-16 surrogates in ToUnicode)."""
    assert bundled_fonts.face_for(s.RARE, "fangsong") != bundled_fonts.primary("fangsong")
    out = tmp_path / "m.pdf"
    render_minutes(s.minutes(), out, fonts=bundled_fonts)
    assert s.RARE_NAME in pdf_text(out)
    names = {r["name"].split("+")[-1] for r in fonts_table(out)}
    assert "HanaMinA" in names


def test_character_no_font_has_is_reported_and_shown_as_code(tmp_path, bundled_fonts):
    from dataclasses import replace

    nobody = "\U0003134a"  # CJK Extension G: in none of the fonts
    doc = replace(s.minutes(), absent=(("李" + nobody, "事假"),))
    out = tmp_path / "m.pdf"
    report = render_minutes(doc, out, fonts=bundled_fonts)
    assert [g.name for g in report.missing_glyphs] == ["CJK UNIFIED IDEOGRAPH-3134A"]
    assert "李" + nobody in report.missing_glyphs[0].where
    assert "[U+3134A]" in pdf_text(out)


def test_system_extension_font_is_used_when_installed(tmp_path):
    """With fonts-hanazono installed, HanaMinB prints what the shipped fonts lack."""
    from ztclient.infra.documents.fonts import default_fonts

    fonts = default_fonts()
    ch = "\U00020001"
    face = fonts.face_for(ch, "song")
    assert face is not None, "no system font covers U+20001: apt-get install fonts-hanazono"
    from dataclasses import replace

    doc = replace(s.signin(3), names=(("王" + ch, "第1党小组"),))
    out = tmp_path / "s.pdf"
    assert render_signin(doc, out, fonts=fonts).missing_glyphs == ()
    assert "王" + ch in pdf_text(out)
