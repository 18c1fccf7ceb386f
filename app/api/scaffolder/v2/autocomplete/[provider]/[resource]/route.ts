import { apiRoute, readJson } from '@/lib/http/route';
import { parseBody } from '@/lib/http/parse-body';
import { autocomplete, autocompleteBodySchema } from '@/lib/scaffolder/autocomplete';

export const dynamic = 'force-dynamic';

type Ctx = { params: Promise<{ provider: string; resource: string }> };

// Backstage: POST /api/scaffolder/v2/autocomplete/github/{owners|branches} { token?, context: { host, owner, repository } }
// → { results: [{ id }] }. For whoever may run templates: the choices of a run form's fields.
export const POST = apiRoute('scaffolder.task.create', async (req, { params }: Ctx) => {
  const { provider, resource } = await params;
  return Response.json(await autocomplete(provider, resource, parseBody(autocompleteBodySchema, await readJson(req))));
});
