#!/bin/sh
# A PostgreSQL test cluster on loopback for the gradebook tests; safe to run again (it then only checks).
# Installs Debian's postgresql when missing (as root), starts cluster "threadlab" on 127.0.0.1:$PORT,
# makes role and database "threadlab" (the role may create databases: each test makes its own), and prints
# the SQLAlchemy URL of that database on stdout, e.g. for THREADLAB_TEST_PG_URL.
set -eu
PORT=${THREADLAB_PG_PORT:-54329}
CLUSTER=threadlab
if ! command -v pg_createcluster >/dev/null; then
    apt-get update -qq >&2
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql >&2
fi
VERSION=$(ls /usr/lib/postgresql | sort -n | tail -1)
if ! pg_lsclusters -h | awk '{print $1" "$2}' | grep -qx "$VERSION $CLUSTER"; then
    pg_createcluster "$VERSION" "$CLUSTER" --port "$PORT" -- --auth-local=peer --auth-host=scram-sha-256 >&2
fi
echo "listen_addresses = '127.0.0.1'" > "/etc/postgresql/$VERSION/$CLUSTER/conf.d/threadlab.conf"
if ! pg_lsclusters -h | awk -v v="$VERSION" -v c="$CLUSTER" '$1==v && $2==c {print $4}' | grep -qx online; then
    pg_ctlcluster "$VERSION" "$CLUSTER" start >&2
fi
PORT=$(pg_lsclusters -h | awk -v v="$VERSION" -v c="$CLUSTER" '$1==v && $2==c {print $3}')
sql() { su postgres -c "psql --quiet --no-psqlrc --port $PORT --tuples-only --no-align -c \"$1\"" ; }
if [ -z "$(sql "SELECT 1 FROM pg_roles WHERE rolname = 'threadlab'")" ]; then
    sql "CREATE ROLE threadlab LOGIN CREATEDB PASSWORD 'threadlab'" >&2
fi
if [ -z "$(sql "SELECT 1 FROM pg_database WHERE datname = 'threadlab'")" ]; then
    sql "CREATE DATABASE threadlab OWNER threadlab" >&2
fi
echo "postgresql+psycopg://threadlab:threadlab@127.0.0.1:$PORT/threadlab"
