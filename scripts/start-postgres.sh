#!/usr/bin/env bash
# Starts a local PostgreSQL cluster for the tests that need a database:
#   postgresql://postgres:postgres@127.0.0.1:5432/finance
# Idempotent and silent when the database already answers; errors always go to stderr.
# Stop it with: pg_ctlcluster <version> main stop
set -euo pipefail

readonly PG_HOST=127.0.0.1
readonly PG_PORT=5432
readonly PG_PASSWORD=postgres
readonly PG_DATABASE=finance

# Runs a command as root: directly when we are root, through sudo otherwise.
as_root() {
  if [[ $(id -u) -eq 0 ]]; then
    "$@"
  elif command -v sudo >/dev/null 2>&1; then
    sudo "$@"
  else
    echo "start-postgres: need root (or sudo) to run: $*" >&2
    return 1
  fi
}

# Runs a command as the postgres superuser.
as_postgres() {
  if [[ $(id -u) -eq 0 ]]; then
    runuser -u postgres -- "$@"
  elif command -v sudo >/dev/null 2>&1; then
    sudo -u postgres "$@"
  else
    echo "start-postgres: need root (or sudo) to run as postgres: $*" >&2
    return 1
  fi
}

database_answers() {
  command -v psql >/dev/null 2>&1 || return 1
  PGPASSWORD=$PG_PASSWORD PGCONNECT_TIMEOUT=2 psql -h "$PG_HOST" -p "$PG_PORT" -U postgres \
    -d "$PG_DATABASE" -qtAc 'SELECT 1' 2>/dev/null | grep -qx 1
}

if database_answers; then
  exit 0
fi

if ! command -v pg_ctlcluster >/dev/null 2>&1; then
  echo "start-postgres: installing postgresql" >&2
  as_root env DEBIAN_FRONTEND=noninteractive apt-get update -qq
  as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends postgresql
fi

pg_version=$(find /usr/lib/postgresql -mindepth 1 -maxdepth 1 -printf '%f\n' | sort -V | tail -1)
if [[ -z $pg_version ]]; then
  echo "start-postgres: no PostgreSQL server found under /usr/lib/postgresql" >&2
  exit 1
fi

if ! pg_lsclusters -h | awk '{print $1"/"$2}' | grep -qx "$pg_version/main"; then
  echo "start-postgres: creating cluster $pg_version/main"
  as_root pg_createcluster "$pg_version" main >/dev/null
fi

if ! pg_isready -h "$PG_HOST" -p "$PG_PORT" -q; then
  echo "start-postgres: starting cluster $pg_version/main on $PG_HOST:$PG_PORT"
  # pg_ctlcluster switches to the postgres user by itself when run as root.
  as_root pg_ctlcluster "$pg_version" main start
  for _ in $(seq 1 100); do
    pg_isready -h "$PG_HOST" -p "$PG_PORT" -q && break
    sleep 0.2
  done
  if ! pg_isready -h "$PG_HOST" -p "$PG_PORT" -q; then
    echo "start-postgres: PostgreSQL $pg_version did not become ready on $PG_HOST:$PG_PORT;" \
         "see /var/log/postgresql/postgresql-$pg_version-main.log" >&2
    exit 1
  fi
fi

# The Debian pg_hba.conf allows password (scram-sha-256) logins on 127.0.0.1/32.
as_postgres psql -q -c "ALTER USER postgres PASSWORD '$PG_PASSWORD';"
if ! as_postgres psql -qtAc "SELECT 1 FROM pg_database WHERE datname='$PG_DATABASE'" | grep -qx 1; then
  as_postgres createdb "$PG_DATABASE"
fi

if ! database_answers; then
  echo "start-postgres: cannot log in as postgres@$PG_HOST:$PG_PORT/$PG_DATABASE with the password" >&2
  exit 1
fi
echo "start-postgres: ready at postgresql://postgres:postgres@$PG_HOST:$PG_PORT/$PG_DATABASE"
