#!/usr/bin/env bash
# Runs every test: installs dependencies, brings up Postgres, Redis and the Temporal dev server,
# then every Jest project of jest.config.js (unit, integration, e2e, faults). The e2e tests start their
# own SMTP server and the three Liaison processes in-process, and the admin page's test runs Debian's
# chromium (installed here when missing). The fault tests build the product into .data/faults/ and run
# it as child processes on a Postgres, Redis and Temporal dev server of their own (the Temporal CLI is
# the one services.sh puts under .tools/bin). The last line is the count: `tests: N passed, N failed`.
set -euo pipefail
ROOT_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd -P)"
cd "$ROOT_DIR"
mkdir -p .data

if [ ! -d node_modules ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
  npm ci --no-audit --no-fund --loglevel=error
fi
bash scripts/services.sh up

# The admin page's browser test drives Debian's chromium (CHROMIUM_PATH points at another one).
if [ -z "${CHROMIUM_PATH:-}" ] && ! command -v chromium >/dev/null; then
  echo "installing chromium for the browser tests" >&2
  # A failed install is most often stale package lists: refresh them once and try again.
  export DEBIAN_FRONTEND=noninteractive
  apt-get install -y chromium || { apt-get update && apt-get install -y chromium; } || {
    echo "could not install chromium (apt-get install -y chromium); install it, or set CHROMIUM_PATH to a Chromium binary" >&2
    echo "tests: 0 passed, 1 failed"
    exit 1
  }
fi

results=.data/jest-results.json
rm -f "$results"
set +e
npx jest --ci --json --outputFile="$results" "$@"
status=$?
set -e

if [ ! -s "$results" ]; then
  echo "jest wrote no results (exit $status)" >&2
  echo "tests: 0 passed, 1 failed"
  exit 1
fi
node -e '
  const r = require(process.argv[1]);
  const failedSuites = r.numFailedTestSuites + (r.numRuntimeErrorTestSuites || 0);
  if (failedSuites > 0) console.error(`${failedSuites} test suite(s) failed`);
  console.log(`tests: ${r.numPassedTests} passed, ${r.numFailedTests + (r.numPassedTests + r.numFailedTests === 0 ? 1 : 0)} failed`);
' "$ROOT_DIR/$results"
exit $status
