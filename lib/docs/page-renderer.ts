import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';
import { DocsCompileError } from './model/compile-error';
import type { RenderedPage, RenderInput } from './model/render';
import type { RenderReply } from './render-thread';

// Docs pages are untrusted, and what rendering one costs grows with what it holds: 1 MB of links
// (`[a](b.md) ` 100,000 times) or of table rows takes 5–6 s and more than 256 MB, which on the
// server's own thread and heap (`npm start`: 384 MB) held every request and then ended the process.
// Pages are rendered on a thread of their own, one at a time, with a time and a heap budget: the
// server's thread keeps answering while a site builds, and a page past either budget is that page's
// problem (the thread is stopped and started afresh for the next page).

/** The longest one page may take: 4× a 1 MB page of ordinary prose (~5 s; a real page, milliseconds). */
export const PAGE_TIME_BUDGET_MS = 20_000;
/** The thread's heap: a 1 MB page of ordinary prose needs 128–192 MB; 1 MB of links or table rows, more than 256. */
export const PAGE_HEAP_MB = 256;
/** A thread left idle this long is stopped, giving its memory back. */
const IDLE_MS = 30_000;

type Thread = { worker: Worker; idle?: NodeJS.Timeout };
let thread: Thread | null = null;
let lastId = 0;
let tail: Promise<unknown> = Promise.resolve();

/**
 * The compiled thread beside the compiled server (scripts/start.mjs names the folder), else the
 * TypeScript source through tsx (tests, the CLI, `next dev`).
 */
function threadEntry(): URL {
  const built = (globalThis as { wayfinderServerBuild?: string }).wayfinderServerBuild;
  if (built) return pathToFileURL(path.join(built, 'docs-render.mjs'));
  return pathToFileURL(path.join(path.dirname(fileURLToPath(import.meta.url)), 'render-thread-source.mjs'));
}

function startThread(): Thread {
  const worker = new Worker(threadEntry(), { resourceLimits: { maxOldGenerationSizeMb: PAGE_HEAP_MB } });
  worker.unref();
  // A thread that ends on its own (an error between pages) is started afresh for the next page.
  worker.on('exit', () => {
    if (thread?.worker === worker) thread = null;
  });
  worker.on('error', () => undefined); // reported to the page that was rendering (below)
  return { worker };
}

function stopThread(t: Thread): void {
  clearTimeout(t.idle);
  if (thread === t) thread = null;
  void t.worker.terminate();
}

/** Renders one page on the renderer's thread, after the pages asked for before it. */
export function renderPageInThread(input: RenderInput, budgetMs = PAGE_TIME_BUDGET_MS): Promise<RenderedPage> {
  const run = tail.then(() => renderOne(input, budgetMs));
  tail = run.catch(() => undefined);
  return run;
}

function renderOne(input: RenderInput, budgetMs: number): Promise<RenderedPage> {
  const t = (thread ??= startThread());
  clearTimeout(t.idle);
  const id = ++lastId;
  return new Promise<RenderedPage>((resolve, reject) => {
    const settle = (outcome: () => void) => {
      clearTimeout(timer);
      t.worker.off('message', onMessage).off('error', onError).off('exit', onExit);
      if (thread === t) t.idle = setTimeout(() => stopThread(t), IDLE_MS).unref();
      outcome();
    };
    const refuse = (reason: string) => {
      stopThread(t);
      settle(() => reject(new DocsCompileError(input.file, 1, 1, reason)));
    };
    const timer = setTimeout(() => refuse(`the page took more than ${budgetMs / 1000} s to render; split it into smaller pages`), budgetMs);
    const onMessage = (reply: RenderReply) => {
      if (reply.id !== id) return;
      if ('page' in reply) return settle(() => resolve(reply.page));
      if ('compileError' in reply) {
        const { file, line, column, reason } = reply.compileError;
        return settle(() => reject(new DocsCompileError(file, line, column, reason)));
      }
      // The renderer's own bug, as it was thrown there: compile-site.ts logs it.
      settle(() => reject(Object.assign(new Error(reply.error.message), { name: reply.error.name, stack: reply.error.stack })));
    };
    const onError = (err: Error & { code?: string }) => {
      if (err.code === 'ERR_WORKER_OUT_OF_MEMORY')
        return refuse(`the page needs more than ${PAGE_HEAP_MB} MB to render; split it into smaller pages`);
      stopThread(t);
      settle(() => reject(err));
    };
    const onExit = (code: number) => settle(() => reject(new Error(`the docs renderer's thread stopped (exit code ${code})`)));
    t.worker.on('message', onMessage).on('error', onError).on('exit', onExit);
    t.worker.postMessage({ id, input });
  });
}
