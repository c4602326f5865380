#!/usr/bin/env bash
# Brings up the whole Liaison stack on this machine:
#   bash scripts/stack.sh        # services, build, migrations, api + worker + notifier, demo data
#   bash scripts/stack.sh down   # stops the three processes and the mail sink (services stay up)
# Process logs: .data/logs/<name>.log; mail sent by the notifier: .data/mail/*.eml
set -euo pipefail
ROOT_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd -P)"
cd "$ROOT_DIR"
LOGS=.data/logs
PIDS=.data/pids
mkdir -p "$LOGS" "$PIDS"
PORT="${PORT:-3000}"
export LIAISON_ADMIN_TOKEN="${LIAISON_ADMIN_TOKEN:-liaison-dev-admin-token}"

stop_all() {
  local stopping=()
  for name in api worker notifier mail-sink; do
    if [ -f "$PIDS/$name.pid" ] && kill -0 "$(cat "$PIDS/$name.pid")" 2>/dev/null; then
      kill -TERM "$(cat "$PIDS/$name.pid")" && echo "stopped $name" && stopping+=("$(cat "$PIDS/$name.pid")")
    fi
    rm -f "$PIDS/$name.pid"
  done
  # Until they have exited: a restart must not find the old mail sink still holding its port.
  for pid in "${stopping[@]}"; do
    for _ in $(seq 1 100); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
  done
}

if [ "${1:-up}" = "down" ]; then stop_all; exit 0; fi

if [ ! -d node_modules ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
  npm ci --no-audit --no-fund --loglevel=error
fi
bash scripts/services.sh up
npm run --silent build
stop_all >/dev/null

start() {
  local name=$1; shift
  nohup "$@" >"$LOGS/$name.log" 2>&1 &
  echo $! >"$PIDS/$name.pid"
}
if ! (exec 3<>/dev/tcp/127.0.0.1/1025) 2>/dev/null; then start mail-sink node dist/scripts/mail-sink.js; fi
node dist/scripts/migrate.js
start api node dist/apps/api/src/main.js
start worker node dist/apps/worker/src/main.js
start notifier node dist/apps/notifier/src/main.js

for _ in $(seq 1 60); do
  if curl -fsS "http://127.0.0.1:$PORT/health/ready" >/dev/null 2>&1; then break; fi
  sleep 1
done
curl -fsS "http://127.0.0.1:$PORT/health/ready" >/dev/null || { echo "the API did not become ready; see $LOGS/api.log" >&2; exit 1; }
seed=$(node dist/scripts/seed-demo.js)

cat <<INFO

Liaison is up.
  Web app        http://127.0.0.1:$PORT/   (sign in with a demo person's e-mail below; the link lands in .data/mail/)
  API            http://127.0.0.1:$PORT/v1
  API docs       http://127.0.0.1:$PORT/docs   (OpenAPI: /docs/openapi.json)
  Health         http://127.0.0.1:$PORT/health/ready
  Metrics        http://127.0.0.1:$PORT/metrics
  Temporal UI    http://127.0.0.1:8233
  Mail sent      $ROOT_DIR/.data/mail/
  Logs           $ROOT_DIR/$LOGS/
  Admin token    $LIAISON_ADMIN_TOKEN
$(echo "$seed" | sed 's/^/  /')

Try:  curl -H "Authorization: Bearer \$COORDINATOR_TOKEN" http://127.0.0.1:$PORT/v1/exchanges
Stop: bash scripts/stack.sh down
INFO
