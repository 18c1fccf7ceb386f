import { validateEntityRequest } from '@/lib/catalog/api/validate';
import { apiRoute, readJson } from '@/lib/http/route';

export const dynamic = 'force-dynamic';

export const POST = apiRoute('catalog.location.create', async (req) => {
  const result = validateEntityRequest(await readJson(req));
  return result.valid ? new Response(null, { status: 200 }) : Response.json({ errors: result.errors }, { status: 400 });
});
