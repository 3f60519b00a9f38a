"""Font chains: per-character fallback, missing glyphs named, markup safe, ToUnicode beyond
the BMP."""

from __future__ import annotations

import pytest

from ztclient.infra.documents import fonts as F


@pytest.fixture(scope="module")
def fs():
    return F.build_fontset(use_system=False)


def test_every_role_has_a_usable_primary(fs):
    for role in F.ROLES:
        assert fs.primary(role).startswith("zt-")


def test_runs_switch_font_for_the_rare_character(fs):
    runs = fs.runs("张\U0002003e明", F.SONG)
    assert [r for _, r in runs] == ["张", "\U0002003e", "明"]
    assert runs[0][0] == runs[2][0] != runs[1][0]


def test_missing_glyphs_names_characters_no_font_has(fs):
    assert F.missing_glyphs("张\U0002003e明", fs) == []
    assert F.missing_glyphs("李\U0003134a \U0003134a", fs) == ["CJK UNIFIED IDEOGRAPH-3134A"]
    assert F.missing_glyphs("", fs) == []


def test_markup_escapes_and_marks_missing(fs):
    m = fs.markup("a<b>&c\U0003134a", F.SONG)
    assert "&lt;b&gt;&amp;c" in m and "[U+3134A]" in m and "<b>" not in m


def test_string_width_counts_every_run(fs):
    assert fs.string_width("张\U0002003e明", F.SONG, 10) == pytest.approx(30, abs=1)


def test_to_unicode_cmap_uses_surrogates_beyond_the_bmp():
    cmap = F._to_unicode_cmap("X", [0x41, 0x2003E])
    assert "<00> <0041>" in cmap and "<01> <D840DC3E>" in cmap


def test_cff_or_broken_font_is_skipped(tmp_path):
    bad = tmp_path / "broken.ttf"
    bad.write_bytes(b"OTTO" + b"\0" * 100)
    face = F.Face(bad)
    assert face.font() is None and not face.has(0x4E00)


def test_system_font_names_are_matched_case_insensitively(tmp_path, fs):
    src = F.resources.path("fonts", "DroidSansFallbackFull.ttf")
    (tmp_path / "SimHei.TTF").write_bytes(src.read_bytes())
    chains = F.build_fontset(use_system=False, extra_dirs=[tmp_path]).chains
    first = chains[F.HEI][0]
    assert first.path.name == "SimHei.TTF" and first.source == "system"
