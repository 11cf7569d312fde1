#!/usr/bin/env bash
# Until the first release, the schema ships as one Initial migration. This rebuilds it from the
# entities against a scratch database on the local PostgreSQL. Serialised with flock so parallel
# work does not interleave; the old file is replaced only when generation succeeds.
# After the first release, use `npm run migration:generate -- <Name>` instead.
set -euo pipefail
cd "$(dirname "$0")/.."
exec 9>/tmp/polku-migration.lock
flock 9
db=polku_migration_scratch
old=$(ls migrations/*-Initial.ts 2>/dev/null || true)
backup=$(mktemp -d)
[ -n "$old" ] && mv $old "$backup/"
restore() { [ -n "$old" ] && ! ls migrations/*-Initial.ts >/dev/null 2>&1 && mv "$backup"/* migrations/; }
trap restore EXIT
# Emit even when someone's work in progress does not type-check; only the entities matter here.
node -e "require('fs').rmSync('dist',{recursive:true,force:true})"
npx tsc -p tsconfig.build.json >/dev/null || true
psql -qh 127.0.0.1 -U postgres -c "DROP DATABASE IF EXISTS $db WITH (FORCE)" -c "CREATE DATABASE $db"
DATABASE_URL="postgres://postgres@127.0.0.1:5432/$db" LOG_LEVEL=warn node dist/src/cli/migration-generate.js Initial
psql -qh 127.0.0.1 -U postgres -c "DROP DATABASE IF EXISTS $db WITH (FORCE)"
