import { z } from 'zod';
import { findChoices } from '@/lib/catalog/queries/choices';
import { AppError } from '@/lib/errors';
import { apiRoute } from '@/lib/http/route';

// What a picker offers as a person types (components/catalog/ref-combobox.tsx): a page of entities
// of the given kinds (Groups, Users, Systems, …) matching the text; `leadOf` the people who could
// lead that group.
const querySchema = z.object({
  kind: z
    .array(z.string().regex(/^[a-z][a-z0-9]{0,62}$/, 'kind must be a kind name, e.g. group, user or system'))
    .min(1, 'give at least one kind, e.g. kind=group')
    .max(5, 'give at most 5 kinds'),
  q: z.string().max(200, 'q must be at most 200 characters').optional(),
  leadOf: z
    .string()
    .trim()
    .toLowerCase()
    .regex(/^group:[^/]+\/.+$/, 'leadOf must be a group ref, e.g. group:default/team-orders')
    .max(600)
    .optional(),
});

export const GET = apiRoute('catalog.read', async (req) => {
  const params = new URL(req.url).searchParams;
  const parsed = querySchema.safeParse({
    kind: params.getAll('kind').map((k) => k.toLowerCase()),
    q: params.get('q') ?? undefined,
    leadOf: params.get('leadOf') ?? undefined,
  });
  if (!parsed.success) throw new AppError('BAD_REQUEST', parsed.error.issues.map((i) => i.message).join('; '));
  return Response.json(await findChoices({ kinds: parsed.data.kind, text: parsed.data.q, leadOf: parsed.data.leadOf }));
});
