"""The installers build from the frozen folder: the .deb (inspected with dpkg-deb, then its
files run from the /usr/bin symlinks), the portable archive, and the NSIS script compiled by
makensis (on Linux against the Linux folder, which proves the script is valid)."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tarfile
import zipfile
from pathlib import Path

import pytest
from tests.packaging.conftest import ABOUT, ROOT

NAME, APP_ID, VERSION = ABOUT["NAME"], ABOUT["APP_ID"], ABOUT["VERSION"]


def _build(frozen_dir: Path, out: Path, step: str) -> str:
    env = dict(
        os.environ,
        ZT_FROZEN_DIR=str(frozen_dir),
        ZT_OUT_DIR=str(out),
        ZT_DEB_COMPRESS="none",
        PYTHON=sys.executable,
    )
    proc = subprocess.run(
        ["bash", str(ROOT / "scripts" / "build_installers.sh"), step],
        env=env,
        capture_output=True,
        text=True,
        timeout=900,
    )
    assert proc.returncode == 0, proc.stdout[-3000:] + proc.stderr[-3000:]
    return proc.stdout


@pytest.mark.skipif(shutil.which("dpkg-deb") is None, reason="dpkg-deb is Debian-only")
def test_deb(frozen_dir: Path, tmp_path: Path):
    _build(frozen_dir, tmp_path, "deb")
    debs = list(tmp_path.glob(f"{NAME}_{VERSION}_*.deb"))
    assert len(debs) == 1, list(tmp_path.iterdir())
    deb = debs[0]
    listing = subprocess.run(
        ["dpkg-deb", "-c", str(deb)], capture_output=True, text=True, check=True
    ).stdout
    for path in (
        f"./opt/{NAME}/{NAME}",
        f"./opt/{NAME}/{NAME}-cli",
        f"./opt/{NAME}/_internal/",
        f"./usr/share/applications/{APP_ID}.desktop",
        f"./usr/share/metainfo/{APP_ID}.metainfo.xml",
        f"./usr/share/icons/hicolor/256x256/apps/{APP_ID}.png",
        f"./usr/share/icons/hicolor/scalable/apps/{APP_ID}.svg",
        f"./usr/bin/{NAME} -> /opt/{NAME}/{NAME}",
        f"./usr/bin/{NAME}-cli -> /opt/{NAME}/{NAME}-cli",
    ):
        assert path in listing, f"{path} not in the .deb"
    assert "root/root" in listing.splitlines()[0]
    fields = {
        k: subprocess.run(
            ["dpkg-deb", "-f", str(deb), k], capture_output=True, text=True
        ).stdout.strip()
        for k in ("Package", "Version", "Architecture", "Depends")
    }
    assert fields["Package"] == NAME and fields["Version"] == VERSION
    assert "libxcb-icccm4" in fields["Depends"] and "libc6" in fields["Depends"]
    control = subprocess.run(
        ["dpkg-deb", "-I", str(deb)], capture_output=True, text=True, check=True
    ).stdout
    assert "postinst" in control and "postrm" in control

    # Unpacked, the program runs through the /usr/bin symlink (the bootloader must find
    # _internal next to the real file, not next to the link).
    root = tmp_path / "root"
    subprocess.run(["dpkg-deb", "-x", str(deb), str(root)], check=True)
    link = root / "usr" / "bin" / f"{NAME}-cli"
    link.unlink()
    link.symlink_to(root / "opt" / NAME / f"{NAME}-cli")
    proc = subprocess.run([str(link), "--help"], capture_output=True, text=True, timeout=120)
    assert proc.returncode == 0 and "init" in proc.stdout, proc.stderr[-2000:]


def test_portable_archive(frozen_dir: Path, tmp_path: Path):
    _build(frozen_dir, tmp_path, "portable")
    archives = list(tmp_path.glob(f"{NAME}-{VERSION}-portable-*"))
    assert len(archives) == 1, list(tmp_path.iterdir())
    top = f"{NAME}-{VERSION}-portable"
    if archives[0].suffix == ".zip":
        names = zipfile.ZipFile(archives[0]).namelist()
        exe = ".exe"
    else:
        with tarfile.open(archives[0]) as t:
            names = t.getnames()
            assert t.getmember(f"{top}/{NAME}").mode & 0o111, "the program must stay executable"
        exe = ""
    for name in (f"{top}/{NAME}{exe}", f"{top}/{NAME}-cli{exe}", f"{top}/使用说明-README.txt"):
        assert name in names
    assert any(n.startswith(f"{top}/_internal/{NAME}/resources/fonts/") for n in names)


def test_nsis_script_compiles(frozen_dir: Path, tmp_path: Path):
    if shutil.which("makensis") is None:
        pytest.fail("makensis is missing: scripts/test.sh installs it (apt-get install nsis)")
    out = _build(frozen_dir, tmp_path, "nsis")
    setup = Path(out.strip().splitlines()[-1])
    assert setup.is_file() and setup.stat().st_size > 10 * 2**20, out
    with setup.open("rb") as f:
        assert f.read(2) == b"MZ"  # a Windows executable
