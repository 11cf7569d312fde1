#!/usr/bin/env bash
# Until the first release, the schema ships as one Initial migration. This rebuilds it from the
# entities against a scratch database on the local PostgreSQL. Serialised with flock so parallel
# work does not interleave. After the first release, use `npm run migration:generate -- <Name>`.
set -euo pipefail
cd "$(dirname "$0")/.."
exec 9>/tmp/polku-migration.lock
flock 9
db=polku_migration_scratch
psql -qh 127.0.0.1 -U postgres -c "DROP DATABASE IF EXISTS $db WITH (FORCE)" -c "CREATE DATABASE $db"
rm -f migrations/*-Initial.ts
DATABASE_URL="postgres://postgres@127.0.0.1:5432/$db" LOG_LEVEL=warn npm run --silent migration:generate -- Initial
psql -qh 127.0.0.1 -U postgres -c "DROP DATABASE IF EXISTS $db WITH (FORCE)"
