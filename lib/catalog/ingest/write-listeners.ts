// Other domains react to catalog writes (scorecards rescore what changed) without the catalog
// importing them: lib/runtime registers the listeners. On globalThis, because Next bundles route
// handlers apart from instrumentation (which registers them) in one process.

export type EntitiesWrittenListener = (refs: string[]) => Promise<void>;

const KEY = Symbol.for('wayfinder.entities-written');
const listeners = ((globalThis as unknown as { [KEY]?: EntitiesWrittenListener[] })[KEY] ??= []);

export function onEntitiesWritten(listener: EntitiesWrittenListener): void {
  if (!listeners.includes(listener)) listeners.push(listener);
}

/**
 * Tells the listeners which entities were added, changed or removed (a listener finds which of them
 * are gone); a listener's failure is its own (logged by it).
 */
export async function notifyEntitiesWritten(refs: string[]): Promise<void> {
  if (refs.length === 0) return;
  for (const listener of listeners) await listener(refs);
}
