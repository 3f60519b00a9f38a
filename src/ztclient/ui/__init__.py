"""The desktop program. The only package that imports PySide6."""
