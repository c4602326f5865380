#!/usr/bin/env bash
# The browser tests drive Debian's chromium through playwright-core (which downloads no browser of
# its own). The test command must run on a fresh machine, so this installs the package when it is
# missing; CHROMIUM_PATH points at another Chromium binary instead. Kept out of test.sh so the one
# place that touches system packages is small and named.
set -euo pipefail
if [ -n "${CHROMIUM_PATH:-}" ] || command -v chromium >/dev/null; then
  exit 0
fi
echo "installing chromium for the browser tests" >&2
export DEBIAN_FRONTEND=noninteractive
# A failed install is most often stale package lists: refresh them once and try again.
apt-get install -y chromium >/dev/null || { apt-get update >/dev/null && apt-get install -y chromium >/dev/null; } || {
  echo "could not install chromium (apt-get install -y chromium); install it, or set CHROMIUM_PATH to a Chromium binary" >&2
  exit 1
}
