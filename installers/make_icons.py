"""Render resources/icons/app.svg to the icons the installers need.

    python installers/make_icons.py OUT_DIR

writes ``OUT_DIR/hicolor/<n>x<n>/apps/<APP_ID>.png`` (16 … 256), ``OUT_DIR/hicolor/scalable/apps/
<APP_ID>.svg`` and ``OUT_DIR/ztclient.ico`` (Windows: executables, installer, shortcuts).
Generated at build time so the repository keeps one icon source (no committed binaries).
The .ico holds classic 32-bit DIB images up to 48 px and a PNG image at 256 px, which is what
Windows Explorer, PyInstaller and makensis all accept.
"""

from __future__ import annotations

import os
import runpy
import shutil
import struct
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SIZES = (16, 24, 32, 48, 64, 128, 256)
ICO_SIZES = (16, 24, 32, 48, 256)


def _render(svg: Path, size: int):
    from PySide6.QtCore import Qt
    from PySide6.QtGui import QImage, QPainter
    from PySide6.QtSvg import QSvgRenderer

    image = QImage(size, size, QImage.Format.Format_ARGB32)
    image.fill(Qt.GlobalColor.transparent)
    painter = QPainter(image)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    QSvgRenderer(str(svg)).render(painter)
    painter.end()
    return image


def _png_bytes(image) -> bytes:
    from PySide6.QtCore import QBuffer, QByteArray, QIODevice

    data = QByteArray()
    buf = QBuffer(data)
    buf.open(QIODevice.OpenModeFlag.WriteOnly)
    image.save(buf, "PNG")
    return bytes(data.data())


def _dib_bytes(image) -> bytes:
    """A BITMAPINFOHEADER + bottom-up BGRA rows + an all-zero AND mask (ICO's DIB form)."""
    size = image.width()
    header = struct.pack("<IiiHHIIiiII", 40, size, size * 2, 1, 32, 0, 0, 0, 0, 0, 0)
    rows = []
    for y in range(size - 1, -1, -1):
        row = bytearray()
        for x in range(size):
            argb = image.pixel(x, y)
            row += struct.pack("<I", argb)  # little-endian 0xAARRGGBB == B, G, R, A
        rows.append(bytes(row))
    mask_row = b"\0" * (((size + 31) // 32) * 4)
    return header + b"".join(rows) + mask_row * size


def write_ico(images: dict[int, object], out: Path) -> None:
    blobs = [(s, _png_bytes(images[s]) if s >= 256 else _dib_bytes(images[s])) for s in ICO_SIZES]
    head = struct.pack("<HHH", 0, 1, len(blobs))
    offset = len(head) + 16 * len(blobs)
    entries, payload = b"", b""
    for size, blob in blobs:
        dim = 0 if size >= 256 else size
        entries += struct.pack("<BBBBHHII", dim, dim, 0, 0, 1, 32, len(blob), offset)
        payload += blob
        offset += len(blob)
    out.write_bytes(head + entries + payload)


def main(out_dir: str) -> int:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtGui import QGuiApplication

    app_id = runpy.run_path(str(ROOT / "src" / "ztclient" / "__about__.py"))["APP_ID"]
    svg = ROOT / "resources" / "icons" / "app.svg"
    out = Path(out_dir)
    _qapp = QGuiApplication.instance() or QGuiApplication([])
    images = {s: _render(svg, s) for s in SIZES}
    for size, image in images.items():
        target = out / "hicolor" / f"{size}x{size}" / "apps" / f"{app_id}.png"
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(_png_bytes(image))
    scalable = out / "hicolor" / "scalable" / "apps" / f"{app_id}.svg"
    scalable.parent.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(svg, scalable)
    write_ico(images, out / "ztclient.ico")
    print(out / "ztclient.ico")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1] if len(sys.argv) > 1 else str(ROOT / "build" / "icons")))
