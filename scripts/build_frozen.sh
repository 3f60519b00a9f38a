#!/usr/bin/env bash
# Build the frozen program folder dist/ztclient/ (PyInstaller onedir, build.spec) with both
# executables, ztclient (GUI) and ztclient-cli. Idempotent: a rerun rebuilds from scratch into
# the same place. Prints the folder size. Uses the project venv (.venv) when there is one.
#   ZT_SKIP_IF_FRESH=1  skip the build when dist/ztclient is newer than every input file
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$PWD
PY=${PYTHON:-$ROOT/.venv/bin/python}
[ -x "$PY" ] || PY=python3
DIST=$ROOT/dist/ztclient

if [ "${ZT_SKIP_IF_FRESH:-0}" = 1 ] && [ -x "$DIST/ztclient-cli" ]; then
  newer=$(find src resources build.spec installers/pyinstaller -newer "$DIST/ztclient-cli" \
          -type f ! -name '*.pyc' ! -name '*.qm' -print -quit)
  if [ -z "$newer" ]; then
    echo "== dist/ztclient is up to date"; du -sh "$DIST"; exit 0
  fi
fi

"$PY" -c "import PyInstaller" 2>/dev/null || "$PY" -m pip install -q --disable-pip-version-check "pyinstaller>=6.10"

if compgen -G "resources/translations/*.ts" >/dev/null; then
  echo "== translations (.ts -> .qm)"
  # Its placeholder check is the UI tests' business; build.spec still refuses a missing .qm.
  if ! out=$("$PY" tools/build_translations.py 2>&1); then
    echo "warning: tools/build_translations.py: $(grep -c 'placeholder mismatch' <<<"$out") placeholder" \
         "problem(s); building with the .qm it wrote" >&2
  fi
else
  echo "== no resources/translations/*.ts yet: building without translations"
fi

echo "== pyinstaller build.spec"
start=$(date +%s)
"$PY" -m PyInstaller --noconfirm --clean --log-level WARN \
  --distpath "$ROOT/dist" --workpath "$ROOT/build/pyinstaller" build.spec
echo "== built in $(( $(date +%s) - start )) s"

for exe in ztclient ztclient-cli; do
  [ -x "$DIST/$exe" ] || [ -f "$DIST/$exe.exe" ] || { echo "missing $DIST/$exe" >&2; exit 1; }
done
echo "== folder size"
du -sh "$DIST"
du -sh "$DIST"/_internal/* 2>/dev/null | sort -h | tail -8
