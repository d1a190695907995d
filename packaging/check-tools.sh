#!/usr/bin/env bash
# Say which Debian package to install when a tool `make dist` needs is missing.
#   check-tools.sh bundle   tools for the PyInstaller bundle
#   check-tools.sh deb      tools for the .deb (make dist runs both)
set -euo pipefail
declare -A package=(
  [ldd]=libc-bin [objdump]=binutils [strip]=binutils
  [dpkg-deb]=dpkg [dpkg]=dpkg [appstreamcli]=appstream
  [desktop-file-validate]=desktop-file-utils [update-mime-database]=shared-mime-info
)
case ${1:-all} in
  bundle) tools=(ldd objdump strip) ;;
  deb) tools=(dpkg-deb dpkg appstreamcli desktop-file-validate update-mime-database) ;;
  *) tools=(ldd objdump strip dpkg-deb dpkg appstreamcli desktop-file-validate
            update-mime-database) ;;
esac
missing=()
for tool in "${tools[@]}"; do
  command -v "$tool" >/dev/null 2>&1 || missing+=("$tool")
done
((${#missing[@]})) || exit 0
pkgs=()
for tool in "${missing[@]}"; do
  echo "make dist: '$tool' is missing: install the Debian package ${package[$tool]}" >&2
  pkgs+=("${package[$tool]}")
done
echo "make dist: e.g.  sudo apt-get install $(printf '%s\n' "${pkgs[@]}" | sort -u | tr '\n' ' ')" >&2
exit 1
