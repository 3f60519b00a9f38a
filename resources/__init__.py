"""The one way to reach a resource file (fonts, icons, translations, code tables, demo data).

Works from a checkout (editable install), an installed wheel and a PyInstaller build alike,
because in all three this folder is the package ``ztclient.resources``.
"""

from __future__ import annotations

from importlib import resources as _res
from pathlib import Path


def path(*parts: str) -> Path:
    """Return the filesystem path of a resource, e.g. ``path("codes", "ethnicity.json")``."""
    base = Path(str(_res.files(__name__)))
    return base.joinpath(*parts)


def read_text(*parts: str) -> str:
    return path(*parts).read_text(encoding="utf-8")


def read_bytes(*parts: str) -> bytes:
    return path(*parts).read_bytes()
