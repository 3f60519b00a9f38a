"""Shared fixtures for the document tests: real tools (qpdf, poppler, LibreOffice), never
skipped: a missing tool fails the test and says which Debian package to install."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).parent))

PACKAGES = {
    "qpdf": "qpdf",
    "pdffonts": "poppler-utils",
    "pdftotext": "poppler-utils",
    "pdfinfo": "poppler-utils",
    "pdftoppm": "poppler-utils",
    "soffice": "libreoffice-calc-nogui (or libreoffice-calc)",
}


def need(tool: str) -> str:
    path = shutil.which(tool)
    if not path:
        pytest.fail(f"{tool} is not installed: apt-get install {PACKAGES.get(tool, tool)}")
    return path


def run(*args: str, timeout: float = 180) -> subprocess.CompletedProcess:
    need(args[0])
    return subprocess.run(list(args), capture_output=True, text=True, timeout=timeout)


@pytest.fixture(scope="session")
def bundled_fonts():
    """Only the fonts shipped in resources/fonts: the same result on every machine."""
    from ztclient.infra.documents.fonts import build_fontset

    return build_fontset(use_system=False)
