import 'server-only';
import { z } from 'zod';
import { formatDocumentPath, validateEntity } from '@/lib/catalog/model';
import { AppError } from '@/lib/errors';
import { parseBody } from '@/lib/http/parse-body';

// POST /validate-entity: Backstage answers 200 for a valid entity and 400 { errors: [{ name,
// message }] } (serialized errors) for an invalid one; @backstage/catalog-client reads exactly that.

const validateEntityBodySchema = z.object({
  entity: z.unknown().refine((e) => e !== undefined, 'entity is required'),
  location: z.string('location must be a location ref such as url:https://example.com/catalog-info.yaml'),
});

export type ValidationResult = { valid: true } | { valid: false; errors: { name: string; message: string }[] };

export function validateEntityRequest(body: unknown): ValidationResult {
  const input = parseBody(validateEntityBodySchema, body);
  const colon = input.location.indexOf(':');
  if (colon <= 0 || colon === input.location.length - 1) {
    throw new AppError(
      'BAD_REQUEST',
      `location "${input.location}" is malformed: give type:target, e.g. url:https://example.com/catalog-info.yaml`,
    );
  }
  const issues = validateEntity(input.entity);
  if (issues.length === 0) return { valid: true };
  return {
    valid: false,
    errors: issues.map((i) => ({
      name: 'InputError',
      message: i.path.length && !i.message.includes(formatDocumentPath(i.path)) ? `${formatDocumentPath(i.path)}: ${i.message}` : i.message,
    })),
  };
}
