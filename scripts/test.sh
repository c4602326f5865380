#!/usr/bin/env bash
# Runs every test: installs dependencies, brings up Postgres, Redis and the Temporal dev server,
# then every Jest project of jest.config.js (unit, integration, e2e, contract and browser, with faults beside them, then bounds alone). The e2e tests start their
# own SMTP server and the three Liaison processes in-process, and the admin page's test and the web app's
# browser suites (on the web app built first with npm run build:web) run Debian's
# chromium (scripts/ensure-chromium.sh installs it when missing). The fault tests build the product into .data/faults/ and run
# it as child processes on a Postgres, Redis and Temporal dev server of their own (the Temporal CLI is
# the one services.sh puts under .tools/bin). The last line is the count: `tests: N passed, N failed`.
set -euo pipefail
ROOT_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd -P)"
cd "$ROOT_DIR"
mkdir -p .data

# Three installs at once, each waiting on something else than the machine's two cores (apt's
# downloads and dpkg, PyPI, the npm registry): Debian's chromium, which the admin page's browser test
# drives (CHROMIUM_PATH points at another one); Schemathesis, from PyPI, in a virtual environment
# under .tools/, which the contract tests run; and the npm dependencies.
bash scripts/ensure-chromium.sh &
chromium_pid=$!
bash scripts/ensure-schemathesis.sh &
schemathesis_pid=$!

if [ ! -d node_modules ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
  npm ci --no-audit --no-fund --loglevel=error
fi
wait "$chromium_pid" || { echo "tests: 0 passed, 1 failed"; exit 1; }
wait "$schemathesis_pid" || { echo "tests: 0 passed, 1 failed"; exit 1; }
# The web app, which the API serves from dist/web (the e2e suite web-serving and the browser suites
# need its build), built while services.sh brings Postgres, Redis and the Temporal dev server up
# (mostly waiting for Temporal to answer).
npm run --silent build:web >.data/build-web.log 2>&1 &
build_web_pid=$!
bash scripts/services.sh up
wait "$build_web_pid" || { cat .data/build-web.log >&2; echo "tests: 0 passed, 1 failed"; exit 1; }

# Three runs. The fault suites (one at a time, in a Jest of their own, then two e2e files) beside the unit, integration,
# e2e and contract suites (two workers): a fault suite spends most of its time waiting for a killed
# process's timeouts to run out, on services of its own, so it takes little from the other two. Then
# `bounds` alone: it samples the API's event loop, so nothing else may run on the machine's cores
# meanwhile. With arguments, one run: Jest's.
results=.data/jest-results.json
faults_results=.data/jest-results-faults.json
# Two long e2e files run after the fault suites, in their Jest's lane, which would otherwise stand
# idle for the last minutes of the main run: on a test database and Redis index of their own
# (services.sh creates liaison_test_beside), so that their global setup does not touch the main
# run's.
beside_files='/test/e2e/(access-matrix|support-request-visibility)\.e2e-spec\.ts$'
beside_results=.data/jest-results-beside.json
faults_log=.data/jest-faults.log
bounds_results=.data/jest-results-bounds.json
rm -f "$results" "$faults_results" "$beside_results" "$bounds_results"
set +e
# The whole run also holds the lint (eslint, the layer rules of .dependency-cruiser.cjs, generated
# docs current), beside the tests: a broken rule counts as one failed check in the last line.
lint_failed=0
lint_log=.data/lint.log
if [ $# -eq 0 ]; then
  npm run --silent lint >"$lint_log" 2>&1 &
  lint_pid=$!
fi
if [ $# -gt 0 ]; then
  npx jest --ci --json --outputFile="$results" "$@"
  status=$?
else
  (
    npx jest --ci --json --outputFile="$faults_results" --selectProjects faults --runInBand
    faults_status=$?
    TEST_DATABASE_URL=postgres://postgres@127.0.0.1:5432/liaison_test_beside TEST_REDIS_URL=redis://127.0.0.1:6379/8 \
      npx jest --ci --json --outputFile="$beside_results" --selectProjects e2e --runInBand --testPathPatterns "$beside_files"
    beside_status=$?
    [ $faults_status -eq 0 ] && exit $beside_status
    exit $faults_status
  ) >"$faults_log" 2>&1 &
  faults_pid=$!
  npx jest --ci --json --outputFile="$results" --selectProjects unit integration e2e contract browser --testPathIgnorePatterns "$beside_files"
  status=$?
  wait "$faults_pid"
  faults_status=$?
  wait "$lint_pid" || lint_failed=1
  echo "--- npm run lint (beside the run above) ---" >&2
  cat "$lint_log" >&2
  echo "--- the fault suites, then two e2e files (their own Jest, beside the run above) ---" >&2
  cat "$faults_log" >&2
  [ $status -eq 0 ] && status=$faults_status
  npx jest --ci --json --outputFile="$bounds_results" --selectProjects bounds --runInBand
  bounds_status=$?
  [ $status -eq 0 ] && status=$bounds_status
  [ $status -eq 0 ] && status=$lint_failed
fi
set -e

if [ ! -s "$results" ] || { [ $# -eq 0 ] && { [ ! -s "$bounds_results" ] || [ ! -s "$faults_results" ] || [ ! -s "$beside_results" ]; }; }; then
  echo "jest wrote no results (exit $status)" >&2
  echo "tests: 0 passed, 1 failed"
  exit 1
fi
LINT_FAILED=$lint_failed node -e '
  const runs = process.argv.slice(1).filter((f) => require("node:fs").existsSync(f)).map((f) => require(f));
  const sum = (field) => runs.reduce((n, r) => n + (r[field] || 0), 0);
  const passed = sum("numPassedTests");
  const failed = sum("numFailedTests") + Number(process.env.LINT_FAILED || 0);
  // A suite that failed to run counts among the failed suites already (numRuntimeErrorTestSuites says which kind).
  const failedSuites = sum("numFailedTestSuites");
  if (failedSuites > 0) console.error(`${failedSuites} test suite(s) failed`);
  // What failed, named, so that the tail of a long run says it.
  const root = process.cwd() + "/";
  for (const run of runs) {
    for (const file of run.testResults || []) {
      const failedTests = (file.assertionResults || []).filter((t) => t.status === "failed");
      for (const t of failedTests) console.error(`failed: ${file.name.replace(root, "")} › ${t.fullName}`);
      if (failedTests.length === 0 && file.status === "failed") {
        const reason = String(file.message || "").split("\n").map((l) => l.trim()).filter((l) => l.length > 0).slice(0, 2).join(" ") || "no message";
        console.error(`failed: ${file.name.replace(root, "")} (outside its tests: ${reason.slice(0, 300)})`);
      }
    }
  }
  if (process.env.LINT_FAILED === "1") console.error("npm run lint failed (counted as one failed check)");
  console.log(`tests: ${passed} passed, ${failed + (passed + failed === 0 ? 1 : 0)} failed`);
' "$ROOT_DIR/$results" "$ROOT_DIR/$faults_results" "$ROOT_DIR/$beside_results" "$ROOT_DIR/$bounds_results"
exit $status
