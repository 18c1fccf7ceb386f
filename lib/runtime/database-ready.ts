// Whether this process's database is migrated, kept on globalThis: start-up (lib/runtime/start.ts, in
// Next's bundle) opens the gate, and scripts/server.ts (a bundle of its own) waits on it. This module
// imports nothing, so the server's bundle gains nothing else with it.

type Gate = { ready: boolean; promise: Promise<void>; open: () => void };
const KEY = Symbol.for('wayfinder.database-ready');
const store = globalThis as unknown as { [KEY]?: Gate };

function gate(): Gate {
  if (!store[KEY]) {
    let resolve!: () => void;
    const g: Gate = { ready: false, promise: new Promise<void>((r) => (resolve = r)), open: () => ((g.ready = true), resolve()) };
    store[KEY] = g;
  }
  return store[KEY];
}

export function markDatabaseReady(): void {
  gate().open();
}

/** True once the database is migrated. */
export function databaseReady(): boolean {
  return gate().ready;
}

/** Resolves once the database is migrated (never, if start-up fails: the process exits then). */
export function whenDatabaseReady(): Promise<void> {
  return gate().promise;
}
