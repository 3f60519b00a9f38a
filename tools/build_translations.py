"""Build resources/translations/*.qm from the *.ts files with pyside6-lrelease.

Run by hand (``python tools/build_translations.py``), by the packaging step, and by the program
itself at start when a checkout's .qm is missing or older than its .ts. ``--update`` first
re-extracts the source strings from src/ztclient/ui with pyside6-lupdate (keeping existing
translations). ``--check`` verifies that every translation keeps its ``{placeholders}``.
"""

from __future__ import annotations

import argparse
import os
import re
import shutil
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
TS_DIR = ROOT / "resources" / "translations"
UI_DIR = ROOT / "src" / "ztclient" / "ui"
LANGS = ("zh_CN", "en")
_FIELD = re.compile(r"\{([a-zA-Z_][a-zA-Z0-9_]*)\}")


def _tool(name: str) -> str:
    """The PySide6 tool next to the running interpreter, else on PATH."""
    here = Path(sys.executable).parent / name
    if here.exists():
        return str(here)
    found = shutil.which(name)
    if not found:
        raise FileNotFoundError(name)
    return found


def build_one(ts: Path, qm: Path) -> None:
    """Written beside and renamed over: a program (or a test) loading the .qm while it is built
    again (scripts/test.sh builds the frozen folder while the tests run) reads a whole file."""
    part = qm.with_name(f".{qm.name}.{os.getpid()}")
    try:
        subprocess.run(
            [_tool("pyside6-lrelease"), "-silent", str(ts), "-qm", str(part)], check=True
        )
        os.replace(part, qm)
    finally:
        part.unlink(missing_ok=True)


def build_all() -> list[Path]:
    """Every .ts here: ours (ztclient_<lang>) and qtgaps_<lang> (written by hand: strings of
    Qt's own dialogs its catalogue lacks; ``--update`` never touches it)."""
    out = []
    for ts in sorted(TS_DIR.glob("*.ts")):
        qm = ts.with_suffix(".qm")
        build_one(ts, qm)
        out.append(qm)
    return out


def update() -> None:
    sources = sorted(str(p) for p in UI_DIR.glob("*.py"))
    for lang in LANGS:
        ts = TS_DIR / f"ztclient_{lang}.ts"
        subprocess.run(
            [
                _tool("pyside6-lupdate"),
                "-no-obsolete",
                "-locations",
                "none",
                "-source-language",
                "zh_CN",
                "-target-language",
                lang,
                *sources,
                "-ts",
                str(ts),
            ],
            check=True,
        )


def placeholders(text: str) -> set[str]:
    return set(_FIELD.findall(text or ""))


def messages(ts: Path) -> list[tuple[str, str, str, bool]]:
    """(context, source, translation, finished) for every message of a .ts file."""
    out = []
    for ctx in ET.parse(ts).getroot().iter("context"):
        name = ctx.findtext("name") or ""
        for msg in ctx.iter("message"):
            tr = msg.find("translation")
            text = "".join(tr.itertext()) if tr is not None else ""
            finished = tr is not None and tr.get("type") not in (
                "unfinished",
                "vanished",
                "obsolete",
            )
            out.append((name, msg.findtext("source") or "", text, finished))
    return out


def check() -> list[str]:
    """Problems: placeholders that differ between a source and its translation."""
    problems = []
    for lang in LANGS:
        ts = TS_DIR / f"ztclient_{lang}.ts"
        for ctx, src, text, finished in messages(ts):
            if finished and text and placeholders(src) != placeholders(text):
                problems.append(f"{ts.name} [{ctx}] {src!r} -> {text!r}")
    return problems


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument(
        "--update", action="store_true", help="re-extract strings with pyside6-lupdate first"
    )
    parser.add_argument("--check", action="store_true", help="only check placeholders")
    args = parser.parse_args()
    if args.update:
        update()
    problems = check()
    for p in problems:
        print("placeholder mismatch:", p, file=sys.stderr)
    if args.check:
        return 1 if problems else 0
    for qm in build_all():
        print(qm.relative_to(ROOT))
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
