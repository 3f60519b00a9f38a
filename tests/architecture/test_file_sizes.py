"""No source file over 500 lines (CONVENTIONS: small files named for what they hold).

A file that grows past the line is split by what its parts hold, not trimmed to fit."""

from __future__ import annotations

from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
LIMIT = 500


def test_no_source_file_over_the_limit():
    files = sorted((ROOT / "src").rglob("*.py"))
    assert len(files) > 100, "the source tree was not found"
    sizes = {f.relative_to(ROOT).as_posix(): len(f.read_bytes().splitlines()) for f in files}
    over = {name: n for name, n in sizes.items() if n > LIMIT}
    assert not over, over
