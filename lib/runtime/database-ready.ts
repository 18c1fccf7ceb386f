// Whether this process's database is migrated, as a flag on globalThis: start-up (lib/runtime/start.ts,
// in Next's bundle) sets it, and scripts/server.ts (a bundle of its own) reads it. This module imports
// nothing, so the server's bundle gains nothing else with it.

const KEY = Symbol.for('wayfinder.database-ready');
const store = globalThis as unknown as { [KEY]?: true };

export function markDatabaseReady(): void {
  store[KEY] = true;
}

/**
 * True once the database is migrated. The routes scripts/server.ts serves without Next check it:
 * before, a catalog read would fail on a missing table; Next, which holds its requests until
 * instrumentation.ts has started Wayfinder, serves them instead.
 */
export function databaseReady(): boolean {
  return store[KEY] === true;
}
