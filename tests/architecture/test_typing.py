"""What keeps mypy's view of the tree true (the check itself runs in scripts/test.sh)."""

from __future__ import annotations

import ast
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def _signatures(path: Path) -> dict[str, str]:
    """Public top-level functions of a module or stub: name -> arguments and return type."""
    out = {}
    for node in ast.parse(path.read_text(encoding="utf-8")).body:
        if isinstance(node, ast.FunctionDef) and not node.name.startswith("_"):
            returns = ast.unparse(node.returns) if node.returns else ""
            out[node.name] = f"({ast.unparse(node.args)}) -> {returns}"
    return out


def test_resources_stub_matches_the_package():
    """ztclient.resources lives in resources/ (pyproject's package-dir), where mypy does not look;
    src/ztclient/resources.pyi stands in for it and must say the same."""
    real = _signatures(ROOT / "resources" / "__init__.py")
    stub = _signatures(ROOT / "src" / "ztclient" / "resources.pyi")
    assert real, "no public functions found in resources/__init__.py"
    assert stub == real
