#!/usr/bin/env bash
# Build dist/ztclient_<version>_<arch>.deb from the frozen folder dist/ztclient/.
#   installers/linux/build_deb.sh [FROZEN_DIR] [OUT_DIR]
# Installs the folder to /opt/ztclient, ztclient and ztclient-cli to /usr/bin (symlinks), the
# desktop entry, AppStream metainfo and icons under /usr/share. Name, id and version come from
# src/ztclient/__about__.py. No root needed (dpkg-deb --root-owner-group). Works on Debian,
# UOS and Kylin alike (ZT_DEB_COMPRESS=gzip builds faster, for tests); build on the target architecture (amd64 here, arm64 for Kylin on ARM).
set -euo pipefail
HERE=$(cd "$(dirname "$0")" && pwd)
ROOT=$(cd "$HERE/../.." && pwd)
FROZEN=$(cd "${1:-$ROOT/dist/ztclient}" && pwd)
OUT=${2:-$ROOT/dist}
PY=${PYTHON:-$ROOT/.venv/bin/python}
[ -x "$PY" ] || PY=python3

about() { "$PY" -c "import runpy,sys; print(runpy.run_path(sys.argv[1])[sys.argv[2]])" "$ROOT/src/ztclient/__about__.py" "$1"; }
NAME=$(about NAME); APP_ID=$(about APP_ID); VERSION=$(about VERSION)
ARCH=$(dpkg --print-architecture)
[ -x "$FROZEN/$NAME" ] && [ -x "$FROZEN/$NAME-cli" ] || { echo "no frozen build in $FROZEN (run scripts/build_frozen.sh)" >&2; exit 1; }

STAGE=$(mktemp -d "${TMPDIR:-/tmp}/ztclient-deb.XXXXXX")
trap 'rm -rf "$STAGE"' EXIT
PKG=$STAGE/pkg
mkdir -p "$PKG/DEBIAN" "$PKG/opt" "$PKG/usr/bin" "$PKG/usr/share/applications" \
         "$PKG/usr/share/metainfo" "$PKG/usr/share/doc/$NAME"

cp -a "$FROZEN" "$PKG/opt/$NAME"
ln -s "/opt/$NAME/$NAME" "$PKG/usr/bin/$NAME"
ln -s "/opt/$NAME/$NAME-cli" "$PKG/usr/bin/$NAME-cli"
install -m 644 "$HERE/$APP_ID.desktop" "$PKG/usr/share/applications/$APP_ID.desktop"
install -m 644 "$HERE/$APP_ID.metainfo.xml" "$PKG/usr/share/metainfo/$APP_ID.metainfo.xml"
"$PY" "$ROOT/installers/make_icons.py" "$STAGE/icons" >/dev/null
mkdir -p "$PKG/usr/share/icons"
cp -r "$STAGE/icons/hicolor" "$PKG/usr/share/icons/"
cat > "$PKG/usr/share/doc/$NAME/copyright" <<TXT
$NAME $VERSION. Bundled fonts keep their own licences: /opt/$NAME/_internal/ztclient/resources/fonts/LICENSE-*.
TXT

# The oldest glibc the bundle runs on: the newest GLIBC_x.y symbol version any of its files needs.
GLIBC=$(find "$FROZEN" -type f \( -name '*.so*' -o -perm -u+x \) -print0 \
        | xargs -0 objdump -T 2>/dev/null | grep -oE 'GLIBC_[0-9]+\.[0-9]+(\.[0-9]+)?' \
        | sed 's/GLIBC_//' | sort -uV | tail -1)
GLIBC=${GLIBC:-$(ldd --version | head -1 | grep -oE '[0-9]+\.[0-9]+$')}
# What build.spec leaves to the system (display, GL, D-Bus, fonts, printing, C++ runtime).
DEPENDS="libc6 (>= $GLIBC), libstdc++6, libgcc-s1 | libgcc1, libegl1, libgl1, libfontconfig1, libfreetype6, libglib2.0-0, libdbus-1-3, \
libx11-6, libx11-xcb1, libxcb1, libxkbcommon0, libxkbcommon-x11-0, libxcb-icccm4, libxcb-keysyms1, \
libxcb-randr0, libxcb-shape0, libxcb-xfixes0, \
libxcb-xkb1, libxcb-sync1, libxcb-shm0, libxcb-render0, libwayland-client0, libwayland-cursor0, \
libwayland-egl1, libharfbuzz0b, libcups2"
SIZE_KB=$(du -sk "$PKG" | cut -f1)
cat > "$PKG/DEBIAN/control" <<CTL
Package: $NAME
Version: $VERSION
Architecture: $ARCH
Maintainer: $NAME maintainers <noreply@ztclient.cn>
Installed-Size: $SIZE_KB
Depends: $DEPENDS
Section: misc
Priority: optional
Homepage: https://ztclient.cn/
Description: 智慧政工离线客户端 / ZT offline records client
 Keeps a grassroots party organisation's records (members, meetings, study
 hours) offline in an encrypted file, prints minutes and sign-in sheets,
 exports Excel reports and sends changes to the higher committee's server.
 .
 The program is installed to /opt/$NAME; each user's data stays in
 ~/.local/share/$NAME and is never removed by the package.
CTL
install -m 755 "$HERE/postinst" "$PKG/DEBIAN/postinst"
install -m 755 "$HERE/postrm" "$PKG/DEBIAN/postrm"

# Plain permissions whatever the build machine's umask was.
find "$PKG" -type d -exec chmod 755 {} +
find "$PKG" -type f -exec chmod go-w,a+r {} +
mkdir -p "$OUT"
DEB=$OUT/${NAME}_${VERSION}_${ARCH}.deb
dpkg-deb --root-owner-group "-Z${ZT_DEB_COMPRESS:-xz}" --build "$PKG" "$DEB" >/dev/null
echo "$DEB"
