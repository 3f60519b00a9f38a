"""R20 / T18: no module in infra/crypto may import ``random`` (not a CSPRNG)."""

from __future__ import annotations

import ast
from pathlib import Path

import ztclient.infra.crypto as crypto_pkg

CRYPTO_DIR = Path(crypto_pkg.__file__).parent


def random_imports(source: str) -> list[int]:
    """Line numbers that import the ``random`` module, however spelled."""
    lines = []
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Import):
            if any(a.name == "random" or a.name.startswith("random.") for a in node.names):
                lines.append(node.lineno)
        elif isinstance(node, ast.ImportFrom):
            if node.level == 0 and (node.module or "").split(".")[0] == "random":
                lines.append(node.lineno)
        elif isinstance(node, ast.Call):
            # __import__("random") and importlib.import_module("random")
            func = node.func
            name = func.id if isinstance(func, ast.Name) else getattr(func, "attr", "")
            if name in ("__import__", "import_module") and any(
                isinstance(a, ast.Constant) and a.value == "random" for a in node.args
            ):
                lines.append(node.lineno)
    return lines


def test_the_detector_detects():
    for bad in (
        "import random",
        "import os, random as r",
        "from random import SystemRandom",
        "from random import randbytes",
        "x = __import__('random')",
        "import importlib\nimportlib.import_module('random')",
    ):
        assert random_imports(bad), bad
    for good in ("import secrets", "from os import urandom", "from . import random_things"):
        assert not random_imports(good), good


def test_no_crypto_module_imports_random():
    files = sorted(CRYPTO_DIR.rglob("*.py"))
    assert {"keyfile.py", "recovery_code.py"} <= {f.name for f in files}  # atomic.py: ztprotocol
    offenders = {
        str(f.relative_to(CRYPTO_DIR)): lines
        for f in files
        if (lines := random_imports(f.read_text("utf-8")))
    }
    assert offenders == {}
