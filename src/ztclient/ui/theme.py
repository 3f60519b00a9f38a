"""Icons and the style sheet: the only place that builds asset paths for the UI."""

from __future__ import annotations

from functools import cache

from PySide6.QtGui import QIcon

ACCENT = "#b71c1c"

STYLE = """
QListWidget#Sidebar { background: #fbf3f2; border: none; border-right: 1px solid #e6d6d4;
                      font-size: 11pt; outline: 0; }
QListWidget#Sidebar::item { padding: 10px 12px; border-radius: 6px; margin: 2px 6px; }
QListWidget#Sidebar::item:selected { background: #b71c1c; color: white; }
QListWidget#Sidebar::item:hover:!selected { background: #f3dedb; }
QLabel#PageTitle { font-size: 15pt; font-weight: 600; color: #3a2a28; padding: 2px 0 6px 0; }
QLabel#Hint { color: #6d6d6d; }
QLabel#FieldError { color: #c62828; }
QLabel#Warning { color: #b45309; }
QLabel#Good { color: #2e7d32; font-weight: 600; }
QLabel#Bad { color: #c62828; font-weight: 600; }
QFrame#Card { background: white; border: 1px solid #e3e3e3; border-radius: 8px; }
QPushButton[primary="true"] { background: #b71c1c; color: white; border: none;
                              padding: 6px 16px; border-radius: 4px; }
QPushButton[primary="true"]:disabled { background: #d9a3a3; }
QTableView { gridline-color: #ececec; selection-background-color: #f6d5d1;
             selection-color: black; alternate-background-color: #fafafa; }
"""


@cache
def icon(name: str) -> QIcon:
    """``resources/icons/<name>.svg`` as a QIcon (an empty icon when the file is missing)."""
    from ztclient import resources

    path = resources.path("icons", f"{name}.svg")
    return QIcon(str(path)) if path.exists() else QIcon()
