#!/usr/bin/env bash
# Build "Posture Coach.app" from packaging/posture-coach.spec (PyInstaller's BUNDLE step)
# and put it in a .dmg with a link to /Applications. Built and tested elsewhere, on a Mac
# with Python 3.10+ (hdiutil is part of macOS); not on the project's Linux test machine.
# Signing and notarisation (codesign, notarytool) need the project's Apple Developer ID
# and are not done here: an unsigned app opens with right-click > Open.
#
#   packaging/macos/build-dmg.sh        ->  dist/posture-coach-<version>.dmg
set -euo pipefail
cd "$(dirname "$0")/../.."
[ "$(uname)" = Darwin ] || { echo "build-dmg.sh: run this on macOS" >&2; exit 1; }
version=$(sed -n 's/^__version__ = "\(.*\)"/\1/p' posture_coach/__init__.py)

python3 -m venv .venv-dist
.venv-dist/bin/python -m pip install --require-hashes --only-binary :all: -r requirements-dist.txt
.venv-dist/bin/python -m pip install "pillow>=10"  # PyInstaller turns the PNG into .icns
rm -rf dist build/pyinstaller
.venv-dist/bin/hatchling build -d dist
.venv-dist/bin/python -m pip install --no-deps --force-reinstall \
  "dist/posture_coach-$version-py3-none-any.whl"
POSTURE_COACH_VERSION=$version .venv-dist/bin/pyinstaller --noconfirm \
  --distpath dist/bundle --workpath build/pyinstaller packaging/posture-coach.spec

stage=$(mktemp -d)
trap 'rm -rf "$stage"' EXIT
cp -R "dist/bundle/Posture Coach.app" "$stage/"
ln -s /Applications "$stage/Applications"
hdiutil create -volname "Posture Coach" -srcfolder "$stage" -ov -format UDZO \
  "dist/posture-coach-$version.dmg"
echo "build-dmg.sh: dist/posture-coach-$version.dmg"
