#!/usr/bin/env bash
# Build the posture-coach .deb from the PyInstaller bundle (make dist runs this; no network).
#
#   packaging/build-deb.sh BUNDLE_DIR OUT_DIR [VERSION]
#
# BUNDLE_DIR is the one-folder bundle (dist/bundle/posture-coach). The package installs:
#   /usr/lib/posture-coach/                    the bundle (its own Python, Qt and libraries)
#   /usr/bin/posture-coach                     a link to the bundle's program
#   /usr/share/applications/posture-coach.desktop      the launcher (opens program files)
#   /usr/share/icons/hicolor/*/apps/posture-coach.*    the icon, SVG and 16-256 px PNGs
#   /usr/share/metainfo/io.github.posture_coach.PostureCoach.metainfo.xml   AppStream
#   /usr/share/mime/packages/posture-coach.xml         home-program MIME types
#   /usr/share/doc/posture-coach/copyright
# No maintainer scripts: dpkg's triggers (shared-mime-info, desktop-file-utils, the icon
# cache, AppStream) refresh the system's caches on install and removal. The user's
# settings and journal live in their home folder and are never touched by the package.
set -euo pipefail

here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/.." && pwd)
bundle=${1:?usage: build-deb.sh BUNDLE_DIR OUT_DIR [VERSION]}
out=${2:?usage: build-deb.sh BUNDLE_DIR OUT_DIR [VERSION]}
version=${3:-$(sed -n 's/^__version__ = "\(.*\)"/\1/p' "$root/posture_coach/__init__.py")}
metainfo=io.github.posture_coach.PostureCoach.metainfo.xml

"$here/check-tools.sh" deb
[ -x "$bundle/posture-coach" ] || { echo "build-deb: no bundle at $bundle (run make dist)" >&2; exit 1; }

# The files shipped are checked before they go in.
desktop-file-validate "$root/assets/linux/posture-coach.desktop"
appstreamcli validate --no-net --explain "$here/linux/$metainfo" >/dev/null \
  || appstreamcli validate --no-net --explain "$here/linux/$metainfo"
mimecheck=$(mktemp -d)
trap 'rm -rf "$mimecheck" "${stage:-}"' EXIT
mkdir -p "$mimecheck/packages"
cp "$here/linux/posture-coach-mime.xml" "$mimecheck/packages/posture-coach.xml"
if update-mime-database "$mimecheck" 2>&1 | grep -i -E "error|invalid|unknown"; then
  echo "build-deb: packaging/linux/posture-coach-mime.xml has errors (above)" >&2; exit 1
fi

stage=$(mktemp -d)
pkg=$stage/posture-coach
install -d -m 0755 "$pkg/DEBIAN" "$pkg/usr/lib" "$pkg/usr/bin" "$pkg/usr/share/applications" \
  "$pkg/usr/share/metainfo" "$pkg/usr/share/mime/packages" "$pkg/usr/share/doc/posture-coach"
cp -a "$bundle" "$pkg/usr/lib/posture-coach"
ln -s ../lib/posture-coach/posture-coach "$pkg/usr/bin/posture-coach"
install -m 0644 "$root/assets/linux/posture-coach.desktop" "$pkg/usr/share/applications/"
install -d -m 0755 "$pkg/usr/share/icons"
cp -r "$root/assets/icons/hicolor" "$pkg/usr/share/icons/"
install -m 0644 "$here/linux/$metainfo" "$pkg/usr/share/metainfo/"
install -m 0644 "$here/linux/posture-coach-mime.xml" "$pkg/usr/share/mime/packages/posture-coach.xml"
{
  echo "Format: https://www.debian.org/doc/packaging-manuals/copyright-format/1.0/"
  echo "Upstream-Name: posture-coach"
  echo
  echo "Files: *"
  echo "Copyright: posture-coach developers"
  echo "License: MIT"
  sed 's/^/ /; s/^ $/ ./' "$root/LICENSE"
  echo
  echo "Files: usr/lib/posture-coach/_internal/*"
  echo "Comment: the bundled Python, Qt for Python (PySide6, LGPL-3.0), Qt (LGPL-3.0),"
  echo " APScheduler, plyer, PyYAML, tzlocal (MIT) and the libraries they link, as"
  echo " PyInstaller collected them; each keeps its own license."
} > "$pkg/usr/share/doc/posture-coach/copyright"
chmod -R u=rwX,go=rX "$pkg/usr"
find "$pkg/usr" -name "__pycache__" -prune -exec rm -rf {} +

# Depends: the system libraries the bundle links but does not carry (PyInstaller leaves
# libc, libGL/EGL, Wayland and libxcb to the system; CUPS is left out on purpose, see the
# spec): each ELF file's NEEDED entries not found in the bundle, resolved by ldconfig and
# mapped to their Debian packages.
arch=$(dpkg --print-architecture)
inside=$(find "$pkg/usr/lib/posture-coach" -name "*.so*" -printf "%f\n" | sort -u)
needed=$(
  find "$pkg/usr/lib/posture-coach" -type f \( -name "*.so*" -o -name posture-coach \) \
    -exec objdump -p {} + 2>/dev/null | awk '$1 == "NEEDED" {print $2}' | sort -u
)
deps=$(
  for lib in $needed; do
    grep -qxF "$lib" <<<"$inside" && continue
    path=$(ldconfig -p | awk -v n="$lib" '$1 == n && $0 ~ /x86-64|x32|aarch64|=>/ {print $NF; exit}')
    [ -n "$path" ] || { echo "build-deb: $lib is needed but not on this system" >&2; exit 1; }
    dpkg -S "$(readlink -f "$path")" 2>/dev/null || dpkg -S "$path"
  done | cut -d: -f1 | sort -u
)
depends=""
recommends="libxss1, libnotify-bin"
for p in $deps; do
  case $p in
    libc6) depends+="libc6 (>= 2.28), " ;;  # the bundle's own libraries need glibc 2.28+
    libcups2) recommends+=", libcups2" ;;   # printing to a printer; PDF works without
    *) depends+="$p, " ;;
  esac
done
depends=${depends%, }
size=$(du -sk --apparent-size "$pkg/usr" | cut -f1)

cat > "$pkg/DEBIAN/control" <<EOF
Package: posture-coach
Version: $version
Architecture: $arch
Maintainer: posture-coach developers <posture-coach@users.noreply.github.com>
Installed-Size: $size
Depends: $depends
Recommends: $recommends
Section: utils
Priority: optional
Homepage: https://github.com/posture-coach/posture-coach
Description: system-tray coach for upper back pain: breaks, stretches, breathing
 Posture Coach sits in the system tray and helps you do what your clinic asked
 of you for upper back pain: move every 30 to 60 minutes, do gentle stretches,
 breathe slowly, reset your posture and use ice or heat for 10 to 15 minutes.
 .
 A notification comes before each break, then a window guides a short routine
 step by step with drawings, doses and countdowns. Snooze and skip are always
 there. History keeps a pain diary, streaks and adherence; home programs from
 a physical therapist can be imported (double-click the file), printed as a
 handout and reported back. English and Spanish.
 .
 Everything stays on this computer. It guides and records; it does not
 diagnose or treat.
 .
 This package carries its own Python and Qt (a PyInstaller bundle in
 /usr/lib/posture-coach).
EOF

mkdir -p "$out"
deb="$out/posture-coach_${version}_${arch}.deb"
dpkg-deb --root-owner-group -Zgzip -z6 --build "$pkg" "$deb" >/dev/null
echo "build-deb: $deb ($(du -h "$deb" | cut -f1), installed ${size} KiB)"
echo "build-deb: Depends: $depends"
