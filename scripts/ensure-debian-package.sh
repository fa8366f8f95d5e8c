#!/usr/bin/env bash
# ensure-debian-package.sh COMMAND PACKAGE: install a Debian package when its command is missing
# and we can (root with apt); otherwise say what is missing. Never fails the caller.
cmd="$1"; pkg="$2"
if command -v "$cmd" >/dev/null 2>&1; then exit 0; fi
if [ "$(id -u)" = "0" ] && command -v apt-get >/dev/null 2>&1; then
  echo "Installing Debian package $pkg…"
  (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "$pkg" >/dev/null) \
    || echo "Could not install $pkg; what needs $cmd will be skipped."
else
  echo "$cmd is not installed (apt-get install $pkg); what needs it will be skipped."
fi
exit 0
