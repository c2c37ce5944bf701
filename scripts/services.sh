#!/usr/bin/env bash
# Provision and run the services the test suite needs, on loopback only:
# PostgreSQL (Debian), Elasticsearch (integ-test zip from Maven Central), stripe-mock (go install)
# and Chromium (Debian) for the browser tests.
#
#   scripts/services.sh install   # fetch and install what is missing (cached, idempotent)
#   scripts/services.sh start     # install, then start whatever is not running yet
#   scripts/services.sh stop
#   scripts/services.sh status
#   scripts/services.sh prod-tools                          # Caddy and Redis for `make prod-up`
#   ELASTIC_PASSWORD=... scripts/services.sh es-secure-start # a private node with security on
#
# Everything is idempotent: a second `start` finds the services running and returns at once.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
VAR="$ROOT/var"
CACHE="${PES_CACHE:-$HOME/.cache/pes}"
OPT="${PES_OPT:-/opt/pes}"

PG_PORT="${PES_PG_PORT:-55432}"
ES_PORT="${PES_ES_PORT:-9250}"
STRIPE_PORT="${PES_STRIPE_PORT:-12111}"

# Elasticsearch: the integ-test zip. 9.3.3 is not served by the registry this machine reaches; 9.3.2 is
# the newest 9.3 that is, and the Python client (9.3.x) matches its major version.
ES_VERSION="${PES_ES_VERSION:-9.3.2}"
STRIPE_MOCK_VERSION="${PES_STRIPE_MOCK_VERSION:-v0.197.0}"
SERVICE_USER="pes-svc"

log() { printf '[services] %s\n' "$*" >&2; }
die() { printf '[services] ERROR: %s\n' "$*" >&2; exit 1; }

as_root() {
  if [ "$(id -u)" -eq 0 ]; then "$@"; else sudo "$@"; fi
}

apt_updated=0
apt_install() {
  local missing=()
  for pkg in "$@"; do
    dpkg -s "$pkg" >/dev/null 2>&1 || missing+=("$pkg")
  done
  [ ${#missing[@]} -eq 0 ] && return 0
  if [ $apt_updated -eq 0 ]; then
    log "apt-get update"
    as_root apt-get update -qq >/dev/null
    apt_updated=1
  fi
  log "apt-get install ${missing[*]}"
  as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/dev/null
}

ensure_service_user() {
  id "$SERVICE_USER" >/dev/null 2>&1 && return 0
  log "creating system user $SERVICE_USER (PostgreSQL and Elasticsearch refuse to run as root)"
  as_root useradd --system --no-create-home --shell /usr/sbin/nologin "$SERVICE_USER"
}

# The service user must reach its data directory. var/ in the checkout is preferred; when a parent
# directory is closed to other users, a per-checkout directory under /var/tmp is used instead.
data_root() {
  mkdir -p "$VAR"
  if runuser -u "$SERVICE_USER" -- test -x "$VAR" 2>/dev/null; then
    echo "$VAR"
  else
    local alt
    alt="/var/tmp/pes-$(printf '%s' "$ROOT" | sha1sum | cut -c1-10)"
    mkdir -p "$alt"
    echo "$alt"
  fi
}

wait_for() {  # wait_for NAME TIMEOUT COMMAND...
  local name=$1 timeout=$2; shift 2
  local start=$SECONDS
  until "$@" >/dev/null 2>&1; do
    if (( SECONDS - start > timeout )); then
      die "$name did not become ready within ${timeout}s"
    fi
    sleep 1
  done
  log "$name ready (${SECONDS}s)"
}

# ---------------------------------------------------------------- PostgreSQL
pg_bin() { ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1; }

install_postgres() {
  apt_install postgresql postgresql-contrib
}

pg_ready() { "$(pg_bin)/pg_isready" -h 127.0.0.1 -p "$PG_PORT" -q; }

start_postgres() {
  install_postgres
  ensure_service_user
  if pg_ready; then log "PostgreSQL already running on $PG_PORT"; return 0; fi
  local root data bin
  root=$(data_root); data="$root/postgres"; bin=$(pg_bin)
  if [ ! -s "$data/PG_VERSION" ]; then
    log "initdb $data"
    mkdir -p "$data"; chown "$SERVICE_USER" "$data"; chmod 700 "$data"
    runuser -u "$SERVICE_USER" -- "$bin/initdb" -D "$data" -U pes --auth=trust --encoding=UTF8 \
      --locale=C.UTF-8 >/dev/null
  fi
  chown -R "$SERVICE_USER" "$data"
  log "starting PostgreSQL on 127.0.0.1:$PG_PORT"
  runuser -u "$SERVICE_USER" -- "$bin/pg_ctl" -D "$data" -l "$data/server.log" -w -t 60 start \
    -o "-h 127.0.0.1 -p $PG_PORT -k /tmp -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=300" >/dev/null \
    || { tail -n 20 "$data/server.log" >&2; die "PostgreSQL failed to start"; }
  wait_for PostgreSQL 60 pg_ready
  "$bin/psql" -h 127.0.0.1 -p "$PG_PORT" -U pes -d postgres -tAc "SELECT 1 FROM pg_database WHERE datname='pes'" \
    | grep -q 1 || "$bin/createdb" -h 127.0.0.1 -p "$PG_PORT" -U pes pes
}

stop_postgres() {
  local data; data="$(data_root)/postgres"
  [ -s "$data/postmaster.pid" ] || return 0
  runuser -u "$SERVICE_USER" -- "$(pg_bin)/pg_ctl" -D "$data" -m fast stop >/dev/null || true
}

# ------------------------------------------------------------- Elasticsearch
es_home() { echo "$OPT/elasticsearch-$ES_VERSION"; }
es_java_home() {
  local jdk
  for jdk in /usr/lib/jvm/temurin-25-jdk-* /usr/lib/jvm/temurin-2[1-9]-jdk-* /usr/lib/jvm/java-2[1-9]-openjdk-*; do
    [ -x "$jdk/bin/java" ] && { echo "$jdk"; return 0; }
  done
  die "Elasticsearch $ES_VERSION needs Java 21+; none found in /usr/lib/jvm"
}

install_elasticsearch() {
  # The Polish dictionary for the hunspell token filter (the morfologik plugin is not served by the
  # registry this machine reaches; hunspell is built into the server, so production maps the same way).
  apt_install unzip hunspell-pl
  local zip="$CACHE/elasticsearch-$ES_VERSION.zip" home
  home=$(es_home)
  if [ ! -s "$zip" ]; then
    log "downloading Elasticsearch integ-test zip $ES_VERSION from Maven Central"
    mkdir -p "$CACHE"
    mvn -q org.apache.maven.plugins:maven-dependency-plugin:3.8.1:copy \
      -Dartifact="org.elasticsearch.distribution.integ-test-zip:elasticsearch:$ES_VERSION:zip" \
      -DoutputDirectory="$CACHE" >&2 || die "could not fetch the Elasticsearch zip"
  fi
  if [ ! -x "$home/bin/elasticsearch" ]; then
    log "unpacking Elasticsearch into $home"
    as_root mkdir -p "$OPT"
    as_root unzip -q -o "$zip" -d "$OPT"
  fi
  if [ ! -s "$home/config/hunspell/pl_PL/pl_PL.dic" ]; then
    as_root mkdir -p "$home/config/hunspell/pl_PL"
    as_root cp /usr/share/hunspell/pl_PL.aff /usr/share/hunspell/pl_PL.dic "$home/config/hunspell/pl_PL/"
  fi
}

es_ready() { curl -fsS "http://127.0.0.1:$ES_PORT/_cluster/health?wait_for_status=yellow&timeout=1s" ; }

start_elasticsearch() {
  install_elasticsearch
  ensure_service_user
  if es_ready >/dev/null 2>&1; then log "Elasticsearch already running on $ES_PORT"; return 0; fi
  local root home data logs
  root=$(data_root); home=$(es_home); data="$root/elasticsearch/data"; logs="$root/elasticsearch/logs"
  mkdir -p "$data" "$logs"
  chown -R "$SERVICE_USER" "$root/elasticsearch" "$home"
  log "starting Elasticsearch $ES_VERSION on 127.0.0.1:$ES_PORT"
  runuser -u "$SERVICE_USER" -- env ES_JAVA_HOME="$(es_java_home)" ES_JAVA_OPTS="-Xms512m -Xmx512m" \
    "$home/bin/elasticsearch" -d -p "$root/elasticsearch/es.pid" \
    -Ediscovery.type=single-node -Expack.security.enabled=false -Enetwork.host=127.0.0.1 \
    -Ehttp.port="$ES_PORT" -Etransport.port="$((ES_PORT + 50))" \
    -Epath.data="$data" -Epath.logs="$logs" \
    -Ecluster.routing.allocation.disk.threshold_enabled=false >/dev/null 2>&1 \
    || { tail -n 30 "$logs"/*.log >&2 2>/dev/null; die "Elasticsearch failed to start"; }
  wait_for Elasticsearch 120 es_ready
}

stop_elasticsearch() {
  local pidfile; pidfile="$(data_root)/elasticsearch/es.pid"
  [ -s "$pidfile" ] || return 0
  kill "$(cat "$pidfile")" 2>/dev/null || true
  rm -f "$pidfile"
}

# ------------------------------------- Elasticsearch with security (production run)
# `make prod-up` needs a node with security on and a password. Turning security on for the shared node
# above would break every other test run on this machine, so the production run gets its own node from
# the same installed zip: its own config dir (keystore), data dir, port and pid file.
ES_SECURE_PORT="${PES_ES_SECURE_PORT:-9280}"

es_secure_dir() { echo "$(data_root)/es-secure-$ES_SECURE_PORT"; }

es_secure_ready() {
  curl -fsS -u "elastic:$ELASTIC_PASSWORD" \
    "http://127.0.0.1:$ES_SECURE_PORT/_cluster/health?wait_for_status=yellow&timeout=1s"
}

start_elasticsearch_secure() {
  [ -n "${ELASTIC_PASSWORD:-}" ] || die "ELASTIC_PASSWORD must be set for the secured Elasticsearch"
  install_elasticsearch
  ensure_service_user
  if es_secure_ready >/dev/null 2>&1; then log "secured Elasticsearch already running on $ES_SECURE_PORT"; return 0; fi
  local dir home java
  dir=$(es_secure_dir); home=$(es_home); java=$(es_java_home)
  mkdir -p "$dir/data" "$dir/logs"
  if [ ! -s "$dir/config/elasticsearch.yml" ]; then
    cp -r "$home/config" "$dir/config"
  fi
  chown -R "$SERVICE_USER" "$dir"
  # The elastic user's first password comes from the keystore's bootstrap.password, set from the env.
  runuser -u "$SERVICE_USER" -- env ES_JAVA_HOME="$java" ES_PATH_CONF="$dir/config" \
    "$home/bin/elasticsearch-keystore" create >/dev/null 2>&1 || true
  printf '%s' "$ELASTIC_PASSWORD" | runuser -u "$SERVICE_USER" -- env ES_JAVA_HOME="$java" \
    ES_PATH_CONF="$dir/config" "$home/bin/elasticsearch-keystore" add -f -x bootstrap.password >/dev/null
  log "starting secured Elasticsearch $ES_VERSION on 127.0.0.1:$ES_SECURE_PORT"
  runuser -u "$SERVICE_USER" -- env ES_JAVA_HOME="$java" ES_PATH_CONF="$dir/config" \
    ES_JAVA_OPTS="-Xms512m -Xmx512m" "$home/bin/elasticsearch" -d -p "$dir/es.pid" \
    -Ediscovery.type=single-node -Expack.security.enabled=true \
    -Expack.security.http.ssl.enabled=false -Expack.security.transport.ssl.enabled=false \
    -Enetwork.host=127.0.0.1 -Ehttp.port="$ES_SECURE_PORT" -Etransport.port="$((ES_SECURE_PORT + 50))" \
    -Epath.data="$dir/data" -Epath.logs="$dir/logs" \
    -Ecluster.routing.allocation.disk.threshold_enabled=false >/dev/null 2>&1 \
    || { tail -n 30 "$dir"/logs/*.log >&2 2>/dev/null; die "secured Elasticsearch failed to start"; }
  wait_for "secured Elasticsearch" 180 es_secure_ready
}

stop_elasticsearch_secure() {
  local pidfile pid; pidfile="$(es_secure_dir)/es.pid"
  [ -s "$pidfile" ] || return 0
  pid=$(cat "$pidfile")
  kill "$pid" 2>/dev/null || true
  for _ in $(seq 1 60); do kill -0 "$pid" 2>/dev/null || break; sleep 1; done
  rm -f "$pidfile"
}

# --------------------------------------------------------------- stripe-mock
stripe_bin() { echo "$CACHE/bin/stripe-mock"; }

install_stripe_mock() {
  [ -x "$(stripe_bin)" ] && return 0
  command -v go >/dev/null || die "Go is needed to build stripe-mock"
  log "building stripe-mock $STRIPE_MOCK_VERSION with go install"
  mkdir -p "$CACHE/bin"
  GOBIN="$CACHE/bin" go install "github.com/stripe/stripe-mock@$STRIPE_MOCK_VERSION" >&2
}

stripe_ready() { curl -sS -o /dev/null "http://127.0.0.1:$STRIPE_PORT/v1/customers" -H "Authorization: Bearer sk_test_123"; }

start_stripe_mock() {
  install_stripe_mock
  if stripe_ready 2>/dev/null; then log "stripe-mock already running on $STRIPE_PORT"; return 0; fi
  local root; root=$(data_root)
  log "starting stripe-mock on 127.0.0.1:$STRIPE_PORT"
  nohup "$(stripe_bin)" -http-addr "127.0.0.1:$STRIPE_PORT" -https-addr "127.0.0.1:$((STRIPE_PORT + 1))" \
    >"$root/stripe-mock.log" 2>&1 &
  echo $! >"$root/stripe-mock.pid"
  wait_for stripe-mock 30 stripe_ready
}

stop_stripe_mock() {
  local pidfile; pidfile="$(data_root)/stripe-mock.pid"
  [ -s "$pidfile" ] || return 0
  kill "$(cat "$pidfile")" 2>/dev/null || true
  rm -f "$pidfile"
}

# ------------------------------------------------------------------ Chromium
install_chromium() {
  apt_install chromium fonts-dejavu-core
  [ -x /usr/bin/chromium ] || die "Chromium is not at /usr/bin/chromium"
}

# Build tools: gettext (msgfmt for compilemessages) and Node with npm (axe-core, Lighthouse).
install_tools() {
  # Only what is missing: the machine's Node.js (from NodeSource) bundles npm, and Debian's npm package
  # would conflict with it.
  command -v msgfmt >/dev/null || apt_install gettext
  command -v npm >/dev/null || apt_install nodejs npm
}

# The production run's own tools: Caddy (TLS-terminating proxy) and Redis (the shared cache), from Debian.
install_prod_tools() {
  install_tools
  command -v caddy >/dev/null || apt_install caddy
  command -v redis-server >/dev/null || apt_install redis-server
}

# A fault test freezes services with SIGSTOP and thaws them; if a run was killed in between, thaw here.
thaw() {
  if id "$SERVICE_USER" >/dev/null 2>&1; then pkill -CONT -u "$SERVICE_USER" 2>/dev/null || true; fi
  pkill -CONT -f "$(stripe_bin)" 2>/dev/null || true
}

status() {
  pg_ready && echo "postgresql: up (127.0.0.1:$PG_PORT)" || echo "postgresql: down"
  es_ready >/dev/null 2>&1 && echo "elasticsearch: up (127.0.0.1:$ES_PORT)" || echo "elasticsearch: down"
  stripe_ready 2>/dev/null && echo "stripe-mock: up (127.0.0.1:$STRIPE_PORT)" || echo "stripe-mock: down"
  [ -x /usr/bin/chromium ] && echo "chromium: installed" || echo "chromium: missing"
}

case "${1:-status}" in
  install)
    install_postgres; install_elasticsearch; install_stripe_mock; install_chromium; install_tools ;;
  tools)
    install_tools ;;
  prod-tools)
    install_prod_tools ;;
  es-secure-start)
    start_elasticsearch_secure ;;
  es-secure-stop)
    stop_elasticsearch_secure ;;
  start)
    thaw
    install_chromium
    install_tools
    start_postgres
    start_stripe_mock
    start_elasticsearch
    status ;;
  stop)
    stop_elasticsearch; stop_stripe_mock; stop_postgres ;;
  status)
    status ;;
  *)
    die "usage: $0 install|tools|prod-tools|start|stop|status|es-secure-start|es-secure-stop" ;;
esac
