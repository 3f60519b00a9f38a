#!/usr/bin/env bash
# Package the frozen folder (scripts/build_frozen.sh first):
#   - dist/ztclient_<version>_<arch>.deb          (installers/linux/build_deb.sh)
#   - dist/ztclient-<version>-portable-<plat>.*    (installers/portable.py)
#   - the NSIS script compiled with makensis. On Windows that is the real installer
#     dist/ztclient-<version>-setup.exe; on Linux it proves installers/windows/ztclient.nsi is
#     valid by compiling it against the Linux folder into build/nsis-check/ (never ship that).
# Usage: scripts/build_installers.sh [deb] [portable] [nsis]   (default: all three)
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$PWD
PY=${PYTHON:-$ROOT/.venv/bin/python}
[ -x "$PY" ] || PY=python3
DIST=${ZT_FROZEN_DIR:-$ROOT/dist/ztclient}
OUT_DIR=${ZT_OUT_DIR:-$ROOT/dist}     # where the .deb, archive and installer go
WHAT=${*:-deb portable nsis}
# makensis on Windows is a native program: hand it C:\ paths, not Git Bash's /c/ ones.
native() { if command -v cygpath >/dev/null; then cygpath -w "$1"; else printf '%s' "$1"; fi; }
about() { "$PY" -c "import runpy,sys; print(runpy.run_path(sys.argv[1])[sys.argv[2]])" src/ztclient/__about__.py "$1"; }
VERSION=$(about VERSION)

for step in $WHAT; do
  case $step in
    deb)
      echo "== .deb"
      bash installers/linux/build_deb.sh "$DIST" "$OUT_DIR" ;;
    portable)
      echo "== portable archive"
      "$PY" installers/portable.py "$DIST" "$OUT_DIR" ;;
    nsis)
      echo "== makensis"
      command -v makensis >/dev/null || { echo "makensis missing (apt-get install nsis)" >&2; exit 1; }
      ICONS=${ZT_OUT_DIR:-$ROOT/build}/icons
      "$PY" installers/make_icons.py "$ICONS" >/dev/null
      NUMS=$(echo "$VERSION" | grep -oE '[0-9]+' | head -4 | tr '\n' ' ')
      set -- $NUMS 0 0 0 0; VI="$1.$2.$3.$4"
      ARGS=(-V2 -WX -INPUTCHARSET UTF8 "-DVERSION=$VERSION" "-DVI_VERSION=$VI" "-DSRC_DIR=$(native "$DIST")"
            "-DICON=$(native "$ICONS/ztclient.ico")" "-DNAME=$(about NAME)" "-DAPP_ID=$(about APP_ID)"
            "-DDISPLAY_NAME=$(about DISPLAY_NAME)" "-DDISPLAY_NAME_EN=$(about DISPLAY_NAME_EN)"
            "-DPUBLISHER=$(about ORGANIZATION)")
      if [ -f "$DIST/ztclient.exe" ]; then
        OUT="$OUT_DIR/ztclient-$VERSION-setup.exe"
        makensis "${ARGS[@]}" "-DOUT_FILE=$(native "$OUT")" installers/windows/ztclient.nsi
      else
        CHECK_DIR=${ZT_OUT_DIR:-$ROOT/build/nsis-check}; mkdir -p "$CHECK_DIR"
        OUT="$CHECK_DIR/ztclient-$VERSION-setup-CHECK-ONLY.exe"
        makensis "${ARGS[@]}" -DCHECK_ONLY -DEXE_SUFFIX= "-DOUT_FILE=$OUT" installers/windows/ztclient.nsi
      fi
      echo "$OUT" ;;
    *) echo "unknown step: $step (deb, portable, nsis)" >&2; exit 2 ;;
  esac
done
