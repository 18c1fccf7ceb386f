import 'server-only';
import { getDb } from '@/lib/db/client';
import type { Driver } from '@/lib/db/driver';
import { listenOn } from '@/lib/db/listen';
import { getLogger } from '@/lib/observability/logger';

/**
 * The channel on which the database announces a commit that wrote entities, relations, search rows,
 * processing errors, docs pages or docs sites (triggers of the migrations catalog_change_notify,
 * search_change_notify, processing_error_change_notify and docs_search), whichever process or
 * connection made it.
 */
export const CATALOG_CHANNEL = 'wayfinder_catalog';

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
  /** Resolves once every change committed before the call has been heard (false: not listening). */
  caughtUp: () => Promise<boolean>;
  /** Bumped by every announced change: tests wait on it. */
  changes: number;
  /** Each cache's entries, by its name. */
  caches: Map<string, Kept>;
};

/**
 * A kept result: the computation's promise while it runs (callers share it), then the value alone.
 * A promise holds the asynchronous context it was made in (AsyncLocalStorage's store: for a page,
 * Next's whole request with its response), so a kept promise kept every request that computed one.
 * `size` is the value's weight (caches with a byte bound).
 */
type Entry = { pending: Promise<unknown> | null; value?: unknown; at: number; size: number };
/** One cache's entries, least recently used first, and the sum of their sizes. */
type Kept = { entries: Map<string, Entry>; size: number };

function drop(kept: Kept, key: string): void {
  kept.size -= kept.entries.get(key)?.size ?? 0;
  kept.entries.delete(key);
}

const KEY = Symbol.for('wayfinder.catalogCache');
const store = globalThis as unknown as { [KEY]?: Watch };

function watch(driver: Driver): Watch {
  const current = store[KEY];
  if (current?.driver === driver) return current;
  const w: Watch = { driver, listening: false, caughtUp: async () => w.listening, changes: 0, caches: new Map() };
  store[KEY] = w;
  const changed = () => {
    w.changes++;
    w.caches.clear();
  };
  const state = (listening: boolean) => {
    // Changes made while not listening were missed: nothing kept from before is trusted.
    changed();
    w.listening = listening;
  };
  if (driver.kind === 'pglite') {
    // One connection in this process: every write comes through it, and PGlite calls the
    // listener before the committing query returns (so it is always caught up).
    driver.pglite.listen(CATALOG_CHANNEL, changed).then(
      () => state(true),
      (err) => getLogger().warn({ err }, 'catalog changes: could not listen; results are not kept'),
    );
  } else {
    const listener = listenOn(driver.pool, CATALOG_CHANNEL, { onNotify: changed, onState: state });
    w.caughtUp = listener.caughtUp;
    driver.beforeClose(listener.stop);
  }
  return w;
}

/** How much a cache keeps: entries, and optionally a sum of the results' sizes (`sizeOf`, e.g. characters). */
export type CacheBounds<T> = { maxEntries: number; maxSize?: number; sizeOf?: (result: T) => number };

/**
 * A cache of results kept until the next commit that writes entities, relations, search rows,
 * processing errors or docs (announced on CATALOG_CHANNEL), and at most MAX_AGE_MS: for results
 * that read nothing else and are the same for every reader. A change committed before a call is
 * never missed by it. It keeps `maxEntries` and, with `sizeOf`, results whose sizes add up to
 * `maxSize` at most (the least recently used go first; a result larger than `maxSize` alone is not
 * kept); concurrent callers of a key share one computation, and a change during it drops it for
 * later callers. Callers must not modify a result.
 */
export function catalogCache<T>(name: string, bounds: CacheBounds<T>): (key: string, compute: () => Promise<T>) => Promise<T> {
  const { maxEntries, maxSize = Infinity, sizeOf } = bounds;
  return async (key, compute) => {
    const { driver } = await getDb();
    const w = watch(driver);
    // Whatever committed before this request (this process's own writes included) is heard first:
    // a round trip on the listening connection, where a count costs a query of its own.
    if (!w.listening || !(await w.caughtUp())) return compute();
    const kept = w.caches.get(name) ?? { entries: new Map<string, Entry>(), size: 0 };
    w.caches.set(name, kept);
    const { entries } = kept;
    const found = entries.get(key);
    entries.delete(key);
    if (found && Date.now() - found.at < MAX_AGE_MS) {
      entries.set(key, found);
      return (found.pending ?? found.value) as T | Promise<T>;
    }
    kept.size -= found?.size ?? 0;
    const pending = compute();
    const entry: Entry = { pending, at: Date.now(), size: 0 };
    entries.set(key, entry);
    if (entries.size > maxEntries) drop(kept, entries.keys().next().value!);
    pending.then(
      (result) => {
        // Dropped meanwhile (a change, or pushed out): nothing to keep or weigh.
        if (entries.get(key) !== entry) return;
        entry.value = result;
        entry.pending = null;
        if (!sizeOf) return;
        const size = sizeOf(result);
        if (size > maxSize) return void entries.delete(key);
        entry.size = size;
        kept.size += size;
        for (const oldest of entries.keys()) {
          if (kept.size <= maxSize) break;
          drop(kept, oldest);
        }
      },
      () => {
        if (entries.get(key) === entry) entries.delete(key);
      },
    );
    return pending;
  };
}

/** How many changes this process has heard of, and whether it is listening (tests). */
export async function catalogChanges(): Promise<{ listening: boolean; changes: number }> {
  const { driver } = await getDb();
  const w = watch(driver);
  return { listening: w.listening, changes: w.changes };
}
