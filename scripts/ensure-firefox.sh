#!/usr/bin/env bash
# The extension's Firefox tests drive Debian's firefox-esr over WebDriver BiDi
# (puppeteer-core; Playwright's own Firefox build is a download that cannot run
# here). Installs it when it is missing and we may; otherwise says how.
set -euo pipefail
if [ -n "${FIREFOX_PATH:-}" ] || command -v firefox-esr >/dev/null 2>&1; then
  exit 0
fi
if [ "$(id -u)" = "0" ] && command -v apt-get >/dev/null 2>&1; then
  echo "firefox-esr is missing: installing Debian's firefox-esr package…"
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq firefox-esr >/dev/null
  exit 0
fi
echo "The extension's Firefox tests need firefox-esr. Install it (Debian: sudo apt-get install firefox-esr) or set FIREFOX_PATH." >&2
exit 1
