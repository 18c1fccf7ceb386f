import 'server-only';
import { getDb } from '@/lib/db/client';
import type { Driver } from '@/lib/db/driver';
import { listenOn } from '@/lib/db/listen';
import { getLogger } from '@/lib/observability/logger';

/**
 * The channel on which the database announces a commit that wrote entities or relations (triggers
 * of the migration catalog_change_notify), whichever process or connection made it.
 */
export const CATALOG_CHANNEL = 'wayfinder_catalog';

/** Results kept at most (the least recently used go first). */
const MAX_ENTRIES = 100;

/**
 * A kept result is computed again after this long even without a change announced: the bound on
 * a result's age should announcements stop arriving unnoticed (a pooler in transaction mode, where
 * LISTEN holds no connection of its own).
 */
const MAX_AGE_MS = 60_000;

type Watch = {
  driver: Driver;
  /** Only while listening is a kept result known to be current. */
  listening: boolean;
  /** Bumped by every announced change: tests wait on it. */
  changes: number;
  entries: Map<string, { result: Promise<unknown>; at: number }>;
};

const KEY = Symbol.for('wayfinder.catalogCache');
const store = globalThis as unknown as { [KEY]?: Watch };

function watch(driver: Driver): Watch {
  const current = store[KEY];
  if (current?.driver === driver) return current;
  const w: Watch = { driver, listening: false, changes: 0, entries: new Map() };
  store[KEY] = w;
  const changed = () => {
    w.changes++;
    w.entries.clear();
  };
  const state = (listening: boolean) => {
    // Changes made while not listening were missed: nothing kept from before is trusted.
    changed();
    w.listening = listening;
  };
  if (driver.kind === 'pglite') {
    // One connection in this process: every write comes through it, and PGlite calls the
    // listener before the committing query returns.
    driver.pglite.listen(CATALOG_CHANNEL, changed).then(
      () => state(true),
      (err) => getLogger().warn({ err }, 'catalog changes: could not listen; results are not kept'),
    );
  } else {
    const listener = listenOn(driver.pool, CATALOG_CHANNEL, { onNotify: changed, onState: state });
    driver.beforeClose(listener.stop);
  }
  return w;
}

/**
 * The result of `compute` for `key`, kept until the next commit that writes entities or relations
 * (announced on CATALOG_CHANNEL), and at most MAX_AGE_MS: for results that read nothing else and
 * are the same for every reader. Concurrent callers share one computation; a change during it
 * drops it for later callers. Callers must not modify the result.
 */
export async function keptUntilCatalogChanges<T>(key: string, compute: () => Promise<T>): Promise<T> {
  const { driver } = await getDb();
  const w = watch(driver);
  if (!w.listening) return compute();
  const kept = w.entries.get(key);
  w.entries.delete(key);
  if (kept && Date.now() - kept.at < MAX_AGE_MS) {
    w.entries.set(key, kept);
    return kept.result as Promise<T>;
  }
  const entry = { result: compute(), at: Date.now() };
  w.entries.set(key, entry);
  if (w.entries.size > MAX_ENTRIES) w.entries.delete(w.entries.keys().next().value!);
  entry.result.catch(() => {
    if (w.entries.get(key) === entry) w.entries.delete(key);
  });
  return entry.result;
}

/** How many changes this process has heard of, and whether it is listening (tests). */
export async function catalogChanges(): Promise<{ listening: boolean; changes: number }> {
  const { driver } = await getDb();
  const w = watch(driver);
  return { listening: w.listening, changes: w.changes };
}
