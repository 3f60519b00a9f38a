"""Pack the frozen folder as a portable archive (no installer, no administrator rights).

    python installers/portable.py [DIST_DIR] [OUT_DIR]

Layout (Windows .zip; .tar.gz elsewhere, which keeps the executable bits):

    ztclient-<version>-portable/
        ztclient(.exe)        the program: double-click
        ztclient-cli(.exe)    command line; `ztclient-cli --gui` = program with a debug console
        _internal/            Python, Qt, fonts, translations (do not touch)
        使用说明-README.txt

"Portable" means the program folder can live anywhere (a USB stick, D:\\软件): the records
still go to the user's data folder (%APPDATA%\\ztclient, ~/.local/share/ztclient), never
beside the program, so replacing the folder with a newer version keeps them.
"""

from __future__ import annotations

import io
import os
import runpy
import sys
import tarfile
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]

README = """智慧政工离线客户端 {version}（免安装版）
================================

运行：双击 ztclient{ext}。
数据：始终保存在本机用户数据文件夹（Windows：%APPDATA%\\ztclient；Linux：~/.local/share/ztclient），
      不在本文件夹中。升级时用新版本文件夹替换本文件夹即可，数据不受影响。
备份：程序内“设置 → 备份”，或命令行 ztclient-cli backup --out 备份文件.zip。
调试：ztclient-cli{ext} --gui 在控制台窗口中启动程序并显示日志。

ZT Offline Client {version} (portable)
Run ztclient{ext}. Your data lives in the user data folder (see above), never here, so
replacing this folder with a newer version keeps it. Back up from Settings or with
`ztclient-cli backup`. `ztclient-cli --gui` starts the program with a log console.
"""


def build(dist: Path, out_dir: Path) -> Path:
    about = runpy.run_path(str(ROOT / "src" / "ztclient" / "__about__.py"))
    windows = (dist / f"{about['NAME']}.exe").exists()
    ext = ".exe" if windows else ""
    plat = "win64" if windows else f"linux-{os.uname().machine}"
    top = f"{about['NAME']}-{about['VERSION']}-portable"
    readme = README.format(version=about["VERSION"], ext=ext).replace(
        "\n", "\r\n" if windows else "\n"
    )
    out_dir.mkdir(parents=True, exist_ok=True)
    files = sorted(p for p in dist.rglob("*") if p.is_file() or p.is_symlink())
    if windows:
        target = out_dir / f"{top}-{plat}.zip"
        with zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED, compresslevel=6) as z:
            for p in files:
                z.write(p, f"{top}/{p.relative_to(dist).as_posix()}")
            z.writestr(f"{top}/使用说明-README.txt", readme.encode("utf-8-sig"))
    else:
        target = out_dir / f"{top}-{plat}.tar.gz"
        with tarfile.open(target, "w:gz", compresslevel=6) as t:
            t.add(dist, arcname=top)
            info = tarfile.TarInfo(f"{top}/使用说明-README.txt")
            data = readme.encode("utf-8")
            info.size, info.mode = len(data), 0o644
            t.addfile(info, io.BytesIO(data))
    return target


if __name__ == "__main__":
    dist = Path(sys.argv[1]) if len(sys.argv) > 1 else ROOT / "dist" / "ztclient"
    out = Path(sys.argv[2]) if len(sys.argv) > 2 else ROOT / "dist"
    print(build(dist, out))
