#!/usr/bin/env bash
# The browser tests drive Debian's Chromium (Playwright's own browser download
# cannot run here). Installs it when it is missing and we may; otherwise says how.
set -euo pipefail
# Emoji (reactions, podium medals) render in screenshots only with a colour emoji font.
if ! fc-list 2>/dev/null | grep -qi "Noto Color Emoji" && [ "$(id -u)" = "0" ] && command -v apt-get >/dev/null 2>&1; then
  echo "Installing Debian's fonts-noto-color-emoji for the browser tests…"
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq fonts-noto-color-emoji >/dev/null || echo "fonts-noto-color-emoji did not install: emoji show as boxes in screenshots." >&2
fi
if [ -n "${CHROMIUM_PATH:-}" ] || command -v chromium >/dev/null 2>&1 || command -v chromium-browser >/dev/null 2>&1; then
  exit 0
fi
if [ "$(id -u)" = "0" ] && command -v apt-get >/dev/null 2>&1; then
  echo "Chromium is missing: installing Debian's chromium package…"
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null
  exit 0
fi
echo "The browser tests need Chromium. Install it (Debian: sudo apt-get install chromium) or set CHROMIUM_PATH." >&2
exit 1
