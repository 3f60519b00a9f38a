#!/usr/bin/env bash
# Run every test on a fresh machine: installs what the tests need, then pytest.
# .ci/run calls exactly this script.
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$PWD

# 1. System tools the tests use as real readers and servers (Debian/Ubuntu package names).
NEED_APT=()
command -v pdftotext >/dev/null || NEED_APT+=(poppler-utils)
command -v qpdf >/dev/null || NEED_APT+=(qpdf)
command -v soffice >/dev/null || NEED_APT+=(libreoffice-calc-nogui)
command -v xvfb-run >/dev/null || NEED_APT+=(xvfb)
command -v pg_ctl >/dev/null || ls /usr/lib/postgresql/*/bin/pg_ctl >/dev/null 2>&1 || NEED_APT+=(postgresql)
command -v makensis >/dev/null || NEED_APT+=(nsis)
command -v desktop-file-validate >/dev/null || NEED_APT+=(desktop-file-utils)
command -v appstreamcli >/dev/null || NEED_APT+=(appstream)
dpkg -s fonts-hanazono >/dev/null 2>&1 || NEED_APT+=(fonts-hanazono)
dpkg -s libegl1 >/dev/null 2>&1 || NEED_APT+=(libegl1 libgl1 libxkbcommon0 libfontconfig1 libdbus-1-3)
if [ ${#NEED_APT[@]} -gt 0 ]; then
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
    echo "== apt-get install ${NEED_APT[*]}"
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${NEED_APT[@]}" >/dev/null
  else
    echo "missing system packages: ${NEED_APT[*]} (install them, or run as root with apt-get)" >&2
    exit 1
  fi
fi

# 2. Python: a project venv with the package and its test extras.
PY=${PYTHON:-python3}
[ -x .venv/bin/python ] || "$PY" -m venv .venv
.venv/bin/python -m pip install -q --disable-pip-version-check -e ".[dev]"
.venv/bin/python tools/build_translations.py >/dev/null 2>&1 || true

# 3. A private PostgreSQL on loopback for ztcentral's PostgreSQL tests.
if [ -z "${ZT_TEST_PG_DSN:-}" ] && [ -x tests/integration/central/pg_server.sh ]; then
  if DSN=$(bash tests/integration/central/pg_server.sh start); then
    export ZT_TEST_PG_DSN="$DSN"
    trap 'bash "$ROOT/tests/integration/central/pg_server.sh" stop >/dev/null 2>&1 || true' EXIT
  fi
fi

# 4. The tests. Qt runs offscreen; budgets live in bench/, not here.
export QT_QPA_PLATFORM=offscreen
set +e
.venv/bin/python -m pytest -q -p no:cacheprovider "$@"
rc=$?
set -e
[ $rc -eq 5 ] && { echo "pytest collected no tests" >&2; rc=1; }
exit $rc
