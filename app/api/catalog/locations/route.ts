import { createLocation, listLocations } from '@/lib/catalog/api/locations-routes';
import { apiRoute, readJson } from '@/lib/http/route';

export const dynamic = 'force-dynamic';

export const GET = apiRoute('catalog.read', async () => Response.json(await listLocations()));

// Backstage answers 201 for a dry run too; @backstage/catalog-client's addLocation requires it.
export const POST = apiRoute('catalog.location.create', async (req, _ctx, actor) =>
  Response.json(await createLocation(new URL(req.url), await readJson(req), actor), { status: 201 }),
);
