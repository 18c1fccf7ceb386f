import type { z } from 'zod';
import { AppError } from '@/lib/errors';

/** Parses a JSON request body with a zod schema; a mismatch is a 400 that names each bad field. */
export function parseBody<S extends z.ZodType>(schema: S, body: unknown): z.infer<S> {
  const parsed = schema.safeParse(body);
  if (parsed.success) return parsed.data;
  const message = parsed.error.issues.map((i) => (i.path.length ? `${i.path.join('.')}: ${i.message}` : i.message)).join('; ');
  throw new AppError('BAD_REQUEST', `invalid request body: ${message}`);
}
