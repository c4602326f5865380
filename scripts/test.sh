#!/usr/bin/env bash
# Runs every test: installs dependencies, brings up Postgres, Redis and the Temporal dev server,
# then every Jest project (unit, integration, e2e). The e2e tests start their own SMTP server and
# the three Liaison processes in-process. The last line is the count: `tests: N passed, N failed`.
set -euo pipefail
ROOT_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd -P)"
cd "$ROOT_DIR"
mkdir -p .data

if [ ! -d node_modules ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
  npm ci --no-audit --no-fund --loglevel=error
fi
bash scripts/services.sh up

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
