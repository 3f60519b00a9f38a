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
command -v objdump >/dev/null || NEED_APT+=(binutils)  # PyInstaller and the .deb recipe read ELF files
dpkg -s fonts-hanazono >/dev/null 2>&1 || NEED_APT+=(fonts-hanazono)
command -v chromium >/dev/null || NEED_APT+=(chromium)  # the console's browser test
command -v chromedriver >/dev/null || NEED_APT+=(chromium-driver)
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
.venv/bin/python tools/build_translations.py

# 2a. The tree formatted, linted and typed (issue 16): each fails the run before any test.
#     lint-imports runs from tests/architecture/test_layers.py, so not here as well.
echo "== ruff format --check, ruff check, mypy"
.venv/bin/ruff format --check src tests bench tools
.venv/bin/ruff check src tests bench tools
.venv/bin/mypy  # the paths and settings are pyproject's [tool.mypy]

# 2b. The frozen program folder that tests/packaging checks (PyInstaller, 1-3 min of one core),
#     built while the tests run: the frozen tests wait for it (tests/packaging/conftest.py), and
#     a failed build fails the run below even if no test got to it.
FROZEN_TMP=$(mktemp -d /tmp/zt-frozen-XXXXXX)
FROZEN_LOG=$FROZEN_TMP/build.log FROZEN_RC=$FROZEN_TMP/build.rc
echo "== scripts/build_frozen.sh in the background (log: $FROZEN_LOG)"
( set +e; bash scripts/build_frozen.sh >"$FROZEN_LOG" 2>&1
  echo $? >"$FROZEN_RC.part"; mv "$FROZEN_RC.part" "$FROZEN_RC" ) &  # the code appears whole
FROZEN_PID=$!
export ZT_FROZEN_DIR=$ROOT/dist/ztclient ZT_FROZEN_BUILD_RC=$FROZEN_RC ZT_FROZEN_BUILD_LOG=$FROZEN_LOG

# 3. A private PostgreSQL on loopback for ztcentral's and the e2e PostgreSQL runs.
PG_DIR=$(mktemp -d /tmp/zt-pg-XXXXXX)
PG_PORT=${ZT_PG_PORT:-55433}
if [ -z "${ZT_TEST_PG_DSN:-}" ]; then
  ZT_TEST_PG_DSN=$(sh tests/integration/central/pg_server.sh "$PG_DIR" "$PG_PORT")
  export ZT_TEST_PG_DSN
  stop_pg() {
    BIN=$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -n 1)
    if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$BIN/pg_ctl" -D "$PG_DIR/data" -m fast stop >/dev/null 2>&1 || true
    else "$BIN/pg_ctl" -D "$PG_DIR/data" -m fast stop >/dev/null 2>&1 || true; fi
    rm -rf "$PG_DIR"
  }
  trap stop_pg EXIT
fi

# 4. The tests. Qt runs offscreen; budgets live in bench/, not here. Everything the tests
#    need is here now, so a skipped test counts as a failure (tests/conftest.py).
export QT_QPA_PLATFORM=offscreen
export ZT_NO_SKIP=1
set +e
# Two workers (one a core), a test file at a time on one worker so module fixtures (a central
# server, a demo unit) are built once; ZT_TEST_WORKERS=0 runs in one process.
WORKERS=${ZT_TEST_WORKERS:-2}
XDIST=()
[ "$WORKERS" -gt 0 ] && XDIST=(-n "$WORKERS" --dist loadfile)
.venv/bin/python -m pytest -q -p no:cacheprovider "${XDIST[@]}" --durations=25 "$@"
rc=$?
wait "$FROZEN_PID"
echo "== the frozen build (exit $(cat "$FROZEN_RC" 2>/dev/null || echo '?'))"
cat "$FROZEN_LOG"
[ "$(cat "$FROZEN_RC" 2>/dev/null)" = 0 ] || { echo "scripts/build_frozen.sh failed" >&2; rc=1; }
set -e
[ $rc -eq 5 ] && { echo "pytest collected no tests" >&2; rc=1; }
exit $rc
