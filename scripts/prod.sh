#!/usr/bin/env bash
# The production process set on this machine, without Docker, from the commands the containers run:
#   Caddy (TLS, /static/ and /media/, proxy) -> two gunicorn instances (config.settings.production)
#   + task worker, scheduler, mailer; PostgreSQL from scripts/services.sh, a secured Elasticsearch node,
#   Redis as the shared cache.
#
#   scripts/prod.sh up        # build (scripts/build-release.sh), start, wait until healthy, print the URL
#   scripts/prod.sh down      # stop exactly what `up` started (pid files under $PES_PROD_DIR/run)
#   scripts/prod.sh manage …  # run manage.py with the production environment of this stack
#
# Every port and directory can be moved with PES_PROD_* variables, so the smoke test runs its own stack
# beside a developer's. Secrets are generated once into $PES_PROD_DIR/secrets.env (mode 600).
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
PROD_DIR="${PES_PROD_DIR:-$ROOT/var/prod}"
RUN="$PROD_DIR/run"
LOGS="$PROD_DIR/logs"
PYTHON="${PES_PROD_PYTHON:-$ROOT/.venv/bin/python}"
HTTPS_PORT="${PES_PROD_PORT:-8443}"
WEB_PORTS="${PES_PROD_WEB_PORTS:-8401 8402}"
REDIS_PORT="${PES_PROD_REDIS_PORT:-6391}"
export PES_ES_SECURE_PORT="${PES_PROD_ES_PORT:-9280}"
PG_URL="${PES_PROD_DATABASE_URL:-postgres://pes@127.0.0.1:${PES_PG_PORT:-55432}/pes_prod}"
SITE="https://127.0.0.1:$HTTPS_PORT"

log() { printf '[prod] %s\n' "$*" >&2; }
die() { printf '[prod] ERROR: %s\n' "$*" >&2; exit 1; }

secrets() {
  mkdir -p "$PROD_DIR"
  local file="$PROD_DIR/secrets.env"
  if [ ! -s "$file" ]; then
    umask 077
    {
      echo "SECRET_KEY=$(head -c 48 /dev/urandom | base64 | tr -d '\n/+=')"
      echo "ELASTIC_PASSWORD=$(head -c 24 /dev/urandom | base64 | tr -d '\n/+=')"
      echo "DEMO_ADMIN_PASSWORD=$(head -c 12 /dev/urandom | base64 | tr -d '\n/+=')"
    } >"$file"
  fi
  set -a; . "$file"; set +a
}

# The environment of every app process: what .env holds in compose.
app_env() {
  secrets
  export DJANGO_SETTINGS_MODULE=config.settings.production
  export ALLOWED_HOSTS="127.0.0.1,localhost"
  export CSRF_TRUSTED_ORIGINS="$SITE"
  export SITE_URL="$SITE"
  export DATABASE_URL="$PG_URL"
  export REDIS_URL="redis://127.0.0.1:$REDIS_PORT/0"
  export ELASTICSEARCH_URL="http://127.0.0.1:$PES_ES_SECURE_PORT"
  export ELASTICSEARCH_USERNAME=elastic ELASTICSEARCH_PASSWORD="$ELASTIC_PASSWORD"
  export SEARCH_INDEX_PREFIX="${PES_PROD_INDEX_PREFIX:-pes_prod}"
  # Caddy on this machine is the one proxy whose X-Forwarded-For is believed.
  export TRUSTED_PROXIES=127.0.0.1
  export STATIC_ROOT="$PROD_DIR/static" MEDIA_ROOT="$PROD_DIR/media"
  # No SMTP server here: the mailer delivers to its log (compose takes SMTP from .env).
  export EMAIL_BACKEND="${PES_PROD_EMAIL_BACKEND:-django.core.mail.backends.console.EmailBackend}"
  export LOG_FORMAT=json WEB_CONCURRENCY="${PES_PROD_WEB_CONCURRENCY:-2}"
  unset DJANGO_ALLOW_ASYNC_UNSAFE
}

# start NAME COMMAND...: a background process with its pid file and log.
start() {
  local name=$1; shift
  if [ -s "$RUN/$name.pid" ] && kill -0 "$(cat "$RUN/$name.pid")" 2>/dev/null; then return 0; fi
  (cd "$ROOT" && exec setsid "$@" >>"$LOGS/$name.log" 2>&1 </dev/null) &
  echo $! >"$RUN/$name.pid"
}

wait_for() {  # wait_for NAME TIMEOUT COMMAND...
  local name=$1 timeout=$2; shift 2
  local start=$SECONDS
  until "$@" >/dev/null 2>&1; do
    (( SECONDS - start > timeout )) && die "$name not healthy within ${timeout}s (logs: $LOGS)"
    sleep 1
  done
}

caddyfile() {
  cat >"$PROD_DIR/Caddyfile" <<EOF
{
	admin off
	skip_install_trust
	storage file_system {
		root $PROD_DIR/caddy
	}
	auto_https disable_redirects
}
https://127.0.0.1:$HTTPS_PORT, https://localhost:$HTTPS_PORT {
	tls internal
	encode gzip
	header ?Strict-Transport-Security "max-age=31536000; includeSubDomains; preload"
	handle_path /static/* {
		root * $PROD_DIR/static
		header Cache-Control "public, max-age=31536000, immutable"
		header X-Content-Type-Options nosniff
		file_server
	}
	handle_path /media/* {
		root * $PROD_DIR/media
		# Uploaded files are never run as a page or script, whatever their content.
		header Content-Security-Policy "default-src 'none'; sandbox"
		header X-Content-Type-Options nosniff
		file_server
	}
	handle {
		reverse_proxy $(for p in $WEB_PORTS; do printf '127.0.0.1:%s ' "$p"; done) {
			lb_policy round_robin
			health_uri /health/live/
			health_interval 5s
		}
	}
	log {
		output file $LOGS/caddy-access.log
	}
}
EOF
}

https_ok() { curl -fsS --cacert "$PROD_DIR/caddy/pki/authorities/local/root.crt" "$SITE$1"; }

up() {
  mkdir -p "$RUN" "$LOGS" "$PROD_DIR/media"
  [ -x "$PYTHON" ] || die "no virtualenv at $PYTHON: run \`make install\` first"
  "$ROOT/scripts/services.sh" prod-tools
  "$ROOT/scripts/services.sh" start >/dev/null
  app_env
  ELASTIC_PASSWORD="$ELASTIC_PASSWORD" "$ROOT/scripts/services.sh" es-secure-start

  log "release build (scripts/build-release.sh)"
  PYTHON="$PYTHON" "$ROOT/scripts/build-release.sh"

  start redis redis-server --port "$REDIS_PORT" --bind 127.0.0.1 --save "" --appendonly no
  wait_for Redis 30 redis-cli -p "$REDIS_PORT" ping

  local db="${PG_URL##*/}"
  psql "${PG_URL%/*}/postgres" -tAc "SELECT 1 FROM pg_database WHERE datname='$db'" | grep -q 1 \
    || psql "${PG_URL%/*}/postgres" -qc "CREATE DATABASE \"$db\""
  log "migrate, demo content, search index"
  (cd "$ROOT" && "$PYTHON" manage.py migrate --noinput -v0 && "$PYTHON" manage.py load_demo >/dev/null \
    && "$PYTHON" manage.py search_index rebuild >/dev/null)

  local n=0
  for port in $WEB_PORTS; do
    n=$((n + 1))
    start "web$n" "$PYTHON" -m gunicorn config.wsgi:application --bind "127.0.0.1:$port" \
      --access-logfile "$LOGS/web$n-access.log"
  done
  start worker "$PYTHON" manage.py db_worker
  start scheduler "$PYTHON" manage.py run_scheduler
  start mailer "$PYTHON" manage.py runmailer_pg
  caddyfile
  start caddy caddy run --config "$PROD_DIR/Caddyfile" --adapter caddyfile

  for port in $WEB_PORTS; do
    wait_for "gunicorn :$port" 60 curl -fsS "http://127.0.0.1:$port/health/live/"
  done
  wait_for Caddy 60 test -s "$PROD_DIR/caddy/pki/authorities/local/root.crt"
  wait_for "the stack" 180 https_ok /health/ready/
  cat <<EOF
Production stack is up: $SITE/   (CA certificate: $PROD_DIR/caddy/pki/authorities/local/root.crt)
Admin: $SITE/admin/   user: admin   password: $DEMO_ADMIN_PASSWORD
Logs: $LOGS   Stop it with: make prod-down
EOF
}

down() {
  local pidfile pid
  for pidfile in "$RUN"/*.pid; do
    [ -e "$pidfile" ] || continue
    pid=$(cat "$pidfile")
    # setsid made each process a group leader: stop the group (gunicorn's and Caddy's children too).
    kill -TERM -- "-$pid" 2>/dev/null || kill -TERM "$pid" 2>/dev/null || true
    for _ in $(seq 1 30); do kill -0 "$pid" 2>/dev/null || break; sleep 0.5; done
    kill -KILL -- "-$pid" 2>/dev/null || true
    rm -f "$pidfile"
  done
  "$ROOT/scripts/services.sh" es-secure-stop
  log "stopped"
}

case "${1:-}" in
  up) up ;;
  down) down ;;
  manage) shift; app_env; cd "$ROOT" && exec "$PYTHON" manage.py "$@" ;;
  *) die "usage: $0 up|down|manage ARGS" ;;
esac
