import { z } from 'zod';
import { tryParseEntityRef } from '@/lib/catalog/model/refs';
import { suggestEntities } from '@/lib/search';
import { AppError } from '@/lib/errors';
import { apiRoute } from '@/lib/http/route';

// Close matches for a ref that is not in the catalog (the entity page's 404 asks for them).
const querySchema = z.object({ ref: z.string().trim().min(3).max(600) });

export const GET = apiRoute('catalog.read', async (req) => {
  const parsed = querySchema.safeParse(Object.fromEntries(new URL(req.url).searchParams));
  const ref = parsed.success ? tryParseEntityRef(parsed.data.ref) : null;
  if (!ref) throw new AppError('BAD_REQUEST', 'give ref=kind:namespace/name');
  const items = await suggestEntities(ref);
  return Response.json({ items: items.map((s) => ({ ref: s.ref, kind: s.kind, namespace: s.namespace, name: s.name, title: s.title })) });
});
