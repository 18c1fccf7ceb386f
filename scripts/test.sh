#!/usr/bin/env bash
# `npm test`: every suite, each writing a JSON report, then one verdict.
#   1. unit tests                     (vitest --project unit)
#   2. integration tests on PGlite    (vitest --project integration), side by side with
#   3. integration tests on PostgreSQL 15, a throwaway cluster started and stopped here
#   4. end-to-end tests               (Playwright + Debian Chromium, a production build made
#                                      in the background during 2 and 3)
# The last line printed is `N passed, N failed` (scripts/summarize-tests.mjs); exit 1 if any
# test failed, was skipped, or a suite did not run.
# Environment: PG_BIN (PostgreSQL binaries, default /usr/lib/postgresql/15/bin), CHROMIUM_PATH
# (default /usr/bin/chromium), E2E_BUILD (1 = rebuild before e2e, the default here; 0 = reuse .next).
set -uo pipefail
cd "$(dirname "$0")/.."

REPORTS=test-results/reports
PG_BIN=${PG_BIN:-/usr/lib/postgresql/15/bin}
export CHROMIUM_PATH=${CHROMIUM_PATH:-/usr/bin/chromium}
export E2E_BUILD=${E2E_BUILD:-1}
rm -rf "$REPORTS"
mkdir -p "$REPORTS"

section() { printf '\n=== %s ===\n' "$*"; }

section 'Unit tests'
env -u DATABASE_URL npx vitest run --project unit --reporter=default --reporter=json --outputFile="$REPORTS/unit.json"

# --- A throwaway PostgreSQL 15 cluster ------------------------------------------------------------
PG_TMP=''
PG_DATA=''
stop_postgres() {
  if [[ -n $PG_DATA && -f $PG_DATA/postmaster.pid ]]; then
    as_pg "$PG_BIN/pg_ctl" -D "$PG_DATA" -m fast -w stop >/dev/null 2>&1
  fi
  [[ -n $PG_TMP ]] && rm -rf "$PG_TMP"
  PG_DATA=''
  PG_TMP=''
}
trap stop_postgres EXIT
trap 'exit 130' INT TERM

# initdb refuses to run as root: run the server as the postgres user then, else as ourselves.
if [[ $(id -u) == 0 ]]; then
  as_pg() { runuser -u postgres -- "$@"; }
else
  as_pg() { "$@"; }
fi

start_postgres() {
  if [[ ! -x $PG_BIN/initdb ]]; then
    echo "PostgreSQL 15 is not installed ($PG_BIN/initdb missing): apt-get install -y postgresql" >&2
    return 1
  fi
  PG_TMP=$(mktemp -d /tmp/wayfinder-pg.XXXXXX)
  PG_DATA=$PG_TMP/data
  [[ $(id -u) == 0 ]] && chown postgres: "$PG_TMP"
  local port
  port=$(node -e 'const s=require("net").createServer();s.listen(0,"127.0.0.1",()=>{console.log(s.address().port);s.close()})')
  as_pg "$PG_BIN/initdb" -D "$PG_DATA" -A trust -U postgres >"$PG_TMP/initdb.log" 2>&1 || { cat "$PG_TMP/initdb.log" >&2; return 1; }
  # Durability is pointless for a throwaway cluster; without fsync the suite runs faster.
  as_pg "$PG_BIN/pg_ctl" -D "$PG_DATA" -l "$PG_TMP/server.log" -w -t 60 start \
    -o "-p $port -k $PG_TMP -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=200" \
    >/dev/null || { cat "$PG_TMP/server.log" >&2; return 1; }
  export DATABASE_URL="postgresql://postgres@127.0.0.1:$port/postgres"
  echo "PostgreSQL $("$PG_BIN/postgres" --version | awk '{print $3}') on port $port"
}

# The production build the end-to-end tests run against is made meanwhile, in the background.
BUILD_PID=''
if [[ $E2E_BUILD == 1 ]]; then
  NODE_ENV=production npm run build >"$REPORTS/build.log" 2>&1 &
  BUILD_PID=$!
fi

# The two integration runs go side by side: each runs one file at a time, and much of a file's time
# is waiting (GitHub's retry-after and write pacing, the job queue, timeouts) rather than working.
# Each writes its output to a log, printed when both are done.
integration() { npx vitest run --project integration --reporter=default --reporter=json --outputFile="$REPORTS/$1.json" >"$REPORTS/$1.log" 2>&1; }
(
  unset DATABASE_URL
  integration integration-pglite
) &
PGLITE_PID=$!
if start_postgres; then
  integration integration-postgres
  stop_postgres
  unset DATABASE_URL
else
  echo 'Could not start PostgreSQL: the PostgreSQL suite did not run.' >"$REPORTS/integration-postgres.log"
fi
wait "$PGLITE_PID"
section 'Integration tests (embedded PGlite)'
cat "$REPORTS/integration-pglite.log"
section 'Integration tests (PostgreSQL 15)'
cat "$REPORTS/integration-postgres.log"

# --- End-to-end ---------------------------------------------------------------------------------
section 'End-to-end tests (Playwright, Chromium)'
if [[ -n $BUILD_PID ]]; then
  # Built already: Playwright reuses it. A failed build is shown, and Playwright's own build
  # (E2E_BUILD=1) fails the suite with its output.
  if wait "$BUILD_PID"; then
    echo "Production build made beside the integration tests ($REPORTS/build.log)."
    export E2E_BUILD=0
  else
    cat "$REPORTS/build.log"
  fi
fi
if [[ ! -x $CHROMIUM_PATH ]]; then
  if [[ $(id -u) == 0 && $CHROMIUM_PATH == /usr/bin/chromium ]]; then
    echo 'Chromium is missing: installing Debian chromium…'
    (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium) >/dev/null 2>&1 ||
      echo 'apt-get install chromium failed.' >&2
  fi
fi
if [[ -x $CHROMIUM_PATH ]]; then
  env -u DATABASE_URL PLAYWRIGHT_JSON_OUTPUT_FILE="$REPORTS/playwright.json" npx playwright test
else
  echo "Chromium not found at $CHROMIUM_PATH: install it with \`sudo apt-get install -y chromium\`, or set CHROMIUM_PATH." >&2
fi

node scripts/summarize-tests.mjs "$REPORTS" \
  'unit=unit.json' \
  'integration (PGlite)=integration-pglite.json' \
  'integration (PostgreSQL)=integration-postgres.json' \
  'e2e (Playwright)=playwright.json'
