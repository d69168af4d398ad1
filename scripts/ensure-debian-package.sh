#!/usr/bin/env bash
# Makes sure a Debian package's program is here: nothing when it is (or <path variable> names one),
# installs the package when we are root on Debian, otherwise says how and fails.
# Usage: ensure-debian-package.sh <program> <package> <path variable> <what needs it>
set -euo pipefail
program="$1" package="$2" path_var="$3" why="$4"
if [ -n "${!path_var:-}" ] || command -v "$program" >/dev/null 2>&1 || [ -x "/usr/bin/$program" ] || [ -x "/usr/sbin/$program" ]; then
  exit 0
fi
if [ "$(id -u)" = "0" ] && command -v apt-get >/dev/null 2>&1; then
  echo "$program is missing: installing Debian's $package package…"
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "$package" >/dev/null
  exit 0
fi
echo "$why needs $program. Install it (Debian: sudo apt-get install $package) or set $path_var." >&2
exit 1
