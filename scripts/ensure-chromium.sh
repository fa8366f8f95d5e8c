#!/usr/bin/env bash
# The browser tests drive Debian's chromium (never a downloaded browser). Install it when missing
# and possible (root with apt); otherwise those tests skip and say why.
if command -v chromium >/dev/null 2>&1; then exit 0; fi
if [ "$(id -u)" = "0" ] && command -v apt-get >/dev/null 2>&1; then
  echo "Installing Debian chromium for the browser tests…"
  (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null) \
    || echo "Could not install chromium; browser tests will be skipped."
else
  echo "chromium is not installed; browser tests will be skipped (apt-get install chromium)."
fi
exit 0
