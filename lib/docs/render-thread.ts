import { parentPort } from 'node:worker_threads';
import { DocsCompileError } from './model/compile-error';
import { renderPage, type RenderInput } from './model/render';

// The docs renderer's thread (page-renderer.ts starts it): one page at a time, answered by id.
// A page that cannot be compiled comes back as its DocsCompileError's fields; any other error as
// its message and stack, for the server's log.

export type RenderRequest = { id: number; input: RenderInput };
export type RenderReply =
  | { id: number; page: Awaited<ReturnType<typeof renderPage>> }
  | { id: number; compileError: { file: string; line: number; column: number; reason: string } }
  | { id: number; error: { name: string; message: string; stack?: string } };

parentPort!.on('message', async ({ id, input }: RenderRequest) => {
  let reply: RenderReply;
  try {
    reply = { id, page: await renderPage(input) };
  } catch (err) {
    reply =
      err instanceof DocsCompileError
        ? { id, compileError: { file: err.file, line: err.line, column: err.column, reason: err.reason } }
        : {
            id,
            error: { name: (err as Error).name ?? 'Error', message: (err as Error).message ?? String(err), stack: (err as Error).stack },
          };
  }
  parentPort!.postMessage(reply);
});
