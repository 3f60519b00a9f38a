#!/usr/bin/env bash
# Install and start ztclient: the README's first command on a fresh Debian/Ubuntu/UOS/Kylin.
#
# 1. Python: a .venv with the package alone (`pip install -e .` carries every runtime library).
# 2. The system libraries Qt's xcb window plugin loads (libxcb-cursor0, libxcb-icccm4, ...):
#    installed with apt-get when we are root, else the exact command is printed and we stop.
# 3. The data folder (./demo-data unless ZTCLIENT_DATA_DIR says otherwise): with no data yet,
#    a demo unit is made and its passphrase printed. A first run that was interrupted (a key
#    file without a database, a unit without its demo data) is never left silently empty: it
#    is moved aside (never deleted) and made again, or, in a folder the clerk named, reported.
# 4. The program window.
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$PWD
PY=${PYTHON:-python3}
DEMO_PASS=${DEMO_PASS:-demo-口令-2026}
say() { printf '%s\n' "$*"; }
die() { printf 'run.sh: %s\n' "$*" >&2; exit 1; }

# -- 1. Python ---------------------------------------------------------------------------------
command -v "$PY" >/dev/null || die "找不到 $PY（需要 Python ≥ 3.11）/ $PY not found (Python >= 3.11 needed)"
"$PY" -c 'import sys; sys.exit(sys.version_info < (3, 11))' ||
  die "需要 Python ≥ 3.11 / Python >= 3.11 needed: $("$PY" --version 2>&1)"
if [ ! -x .venv/bin/python ]; then
  if ! "$PY" -m venv .venv 2>/dev/null; then
    rm -rf .venv  # a venv without pip is useless; this one is ours, made a moment ago
    VENV_PKG="python3-venv"
    if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
      say "== apt-get install $VENV_PKG"
      apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "$VENV_PKG" >/dev/null
      "$PY" -m venv .venv
    else
      die "请先安装 $VENV_PKG / install $VENV_PKG first: sudo apt-get install -y $VENV_PKG"
    fi
  fi
fi
.venv/bin/python -m pip install -q --disable-pip-version-check -e . ||
  die "安装失败（见上文）/ pip install failed (see above)"
.venv/bin/python tools/build_translations.py >/dev/null ||
  say "注意：界面翻译未能生成，界面可能显示英文 / warning: translations not built"

# -- 2. Qt's system libraries ------------------------------------------------------------------
# Debian names a library's package after its soname: libxcb-icccm.so.4 -> libxcb-icccm4,
# libxkbcommon-x11.so.0 -> libxkbcommon-x11-0 (a hyphen when the name ends in a digit).
deb_package_for() {
  local base=${1%%.so.*} ver=${1##*.so.}
  base=$(printf '%s' "$base" | tr 'A-Z' 'a-z')
  case $base in *[0-9]) printf '%s-%s\n' "$base" "$ver" ;; *) printf '%s%s\n' "$base" "$ver" ;; esac
}
missing_qt_libs() {
  local qt plugin
  qt=$(.venv/bin/python -c 'import os, PySide6; print(os.path.dirname(PySide6.__file__))')/Qt
  plugin=$qt/plugins/platforms/libqxcb.so
  [ -f "$plugin" ] || return 0
  LD_LIBRARY_PATH=$qt/lib ldd "$plugin" "$qt"/lib/libQt6XcbQpa.so.* 2>/dev/null |
    awk '/=> not found/ {print $1}' | sort -u
}
if [ "$(uname -s)" = Linux ] && [ "${QT_QPA_PLATFORM:-xcb}" != offscreen ] && command -v ldd >/dev/null; then
  MISSING_LIBS=$(missing_qt_libs)
  if [ -n "$MISSING_LIBS" ]; then
    PKGS=$(for lib in $MISSING_LIBS; do deb_package_for "$lib"; done | sort -u | tr '\n' ' ')
    if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
      say "== 安装界面所需的系统库 / installing Qt's system libraries: $PKGS"
      apt-get update -qq
      # shellcheck disable=SC2086
      DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends $PKGS >/dev/null
      STILL=$(missing_qt_libs)
      [ -z "$STILL" ] || die "仍缺少系统库 / still missing: $(echo $STILL)"
    elif command -v apt-get >/dev/null; then
      die "界面需要以下系统库，请先运行 / the window needs these system libraries, run first:
  sudo apt-get install -y $PKGS"
    else
      die "界面缺少系统库 / the window needs these libraries: $(echo $MISSING_LIBS)
  (Debian/Ubuntu/UOS 包名 / package names: $PKGS)"
    fi
  fi
fi

# -- 3. The data folder ------------------------------------------------------------------------
DEFAULT_DATA=$ROOT/demo-data
export ZTCLIENT_DATA_DIR=${ZTCLIENT_DATA_DIR:-$DEFAULT_DATA}
DATA=$ZTCLIENT_DATA_DIR
UNFINISHED=$DATA/.first-run-unfinished  # written before init, removed once the demo is in
cli() { ZTCLIENT_PASSPHRASE="$DEMO_PASS" .venv/bin/ztclient-cli "$@"; }

first_run() {
  say "首次运行：在 $DATA 生成演示数据 / first run: loading demo data"
  mkdir -p "$DATA"
  : >"$UNFINISHED"
  cli init --unit-name "中共示例街道工作委员会" --unit-code 3301060001 >/dev/null
  cli demo --scale branch
  rm -f "$UNFINISHED"
  say "演示口令 / demo passphrase: $DEMO_PASS"
}
move_aside() {  # never delete: the half-made folder goes beside the new one
  local aside
  aside="$DATA.unfinished-$(date +%Y%m%d-%H%M%S)"
  mv "$DATA" "$aside"
  say "上次首次运行没有完成（$1）：已把该目录移到 $aside，重新生成演示数据。"
  say "The last first run did not finish ($1): moved it to $aside; loading the demo again."
}
# The member count of a unit that opens with the demo passphrase; "locked" when it does not.
member_count() {
  local out
  if out=$(cli members list --json 2>/dev/null); then
    printf '%s' "$out" | .venv/bin/python -c 'import json, sys; print(len(json.load(sys.stdin)))'
  else
    echo locked
  fi
}

HAS_KEY=0; [ -f "$DATA/keyfile.json" ] && HAS_KEY=1
HAS_DB=0; [ -f "$DATA/ztclient.db" ] && HAS_DB=1
if [ -f "$UNFINISHED" ]; then
  move_aside "init/demo interrupted"
  first_run
elif [ $HAS_KEY = 0 ] && [ $HAS_DB = 0 ]; then
  first_run
elif [ $HAS_KEY = 0 ] || [ $HAS_DB = 0 ]; then
  # only a key file, or only a database: made by an interrupted first run of an older script
  if [ "$DATA" = "$DEFAULT_DATA" ]; then
    move_aside "keyfile.json=$HAS_KEY ztclient.db=$HAS_DB"
    first_run
  else
    die "数据目录不完整（keyfile.json=$HAS_KEY，ztclient.db=$HAS_DB）：$DATA
  本脚本不改动您指定的目录；请从备份恢复，或换一个空目录。
  The data folder is incomplete; this script does not touch a folder you named: restore a
  backup there, or point ZTCLIENT_DATA_DIR at an empty folder."
  fi
elif [ "$DATA" = "$DEFAULT_DATA" ] && [ "$(member_count)" = 0 ]; then
  # the demo folder opens with the demo passphrase but holds no one: an older script's
  # interrupted first run (issue 9). A folder whose passphrase was changed is the clerk's.
  move_aside "no demo data"
  first_run
fi

# -- 4. The window -----------------------------------------------------------------------------
exec .venv/bin/ztclient "$@"
