#!/usr/bin/env bash
# The local cluster (`npm run cluster`) and its browser tests put Debian's HAProxy in
# front of the processes. Installs it when it is missing and we may; otherwise says how.
set -euo pipefail
if [ -n "${HAPROXY_PATH:-}" ] || command -v haproxy >/dev/null 2>&1 || [ -x /usr/sbin/haproxy ]; then
  exit 0
fi
if [ "$(id -u)" = "0" ] && command -v apt-get >/dev/null 2>&1; then
  echo "HAProxy is missing: installing Debian's haproxy package…"
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends haproxy >/dev/null
  exit 0
fi
echo "The local cluster needs HAProxy. Install it (Debian: sudo apt-get install haproxy) or set HAPROXY_PATH." >&2
exit 1
