#!/usr/bin/env bash
# Install and start ztclient. With no data yet, it loads demo data first and prints the
# demo passphrase. Data goes to ./demo-data unless ZTCLIENT_DATA_DIR says otherwise.
set -euo pipefail
cd "$(dirname "$0")/.."
PY=${PYTHON:-python3}
[ -x .venv/bin/python ] || "$PY" -m venv .venv
.venv/bin/python -m pip install -q --disable-pip-version-check -e .
.venv/bin/python tools/build_translations.py >/dev/null 2>&1 || true
export ZTCLIENT_DATA_DIR=${ZTCLIENT_DATA_DIR:-$PWD/demo-data}
if [ ! -f "$ZTCLIENT_DATA_DIR/keyfile.json" ]; then
  DEMO_PASS=${DEMO_PASS:-demo-口令-2026}
  echo "首次运行：在 $ZTCLIENT_DATA_DIR 生成演示数据 / first run: loading demo data"
  ZTCLIENT_PASSPHRASE="$DEMO_PASS" .venv/bin/ztclient-cli init --unit-name "中共示例街道工作委员会" --unit-code 3301060001 >/dev/null
  ZTCLIENT_PASSPHRASE="$DEMO_PASS" .venv/bin/ztclient-cli demo --scale branch
  echo "演示口令 / demo passphrase: $DEMO_PASS"
fi
exec .venv/bin/ztclient "$@"
