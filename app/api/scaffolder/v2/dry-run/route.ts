import { apiRoute, readJson } from '@/lib/http/route';
import { dryRun, dryRunSchema } from '@/lib/scaffolder/dry-run';
import { parseBody } from '@/lib/http/parse-body';

export const dynamic = 'force-dynamic';

// Runs a template with no side effects: { template, values, secrets, directoryContents } →
// { log, directoryContents, output, steps }.
export const POST = apiRoute('scaffolder.task.create', async (req, _ctx, actor) => {
  const body = parseBody(dryRunSchema, await readJson(req, 20 * 1024 * 1024));
  return Response.json(await dryRun(actor, body, req.signal));
});
