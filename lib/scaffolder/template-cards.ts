import 'server-only';
import { parse } from 'yaml';
import { catalogEntityOf } from '@/lib/catalog/model';
import { getPrisma } from '@/lib/db/client';

// Template entities as cards on the Create page: what they ask for and what they do.

export type TemplateParameter = { name: string; title: string; required: boolean; field: string | null };
export type TemplateCard = {
  ref: string;
  name: string;
  title: string;
  description: string | null;
  owner: string | null;
  type: string | null;
  tags: string[];
  pages: { title: string; parameters: TemplateParameter[] }[];
  steps: { id: string; name: string | null; action: string }[];
};

type JsonObject = Record<string, unknown>;
const isObject = (v: unknown): v is JsonObject => typeof v === 'object' && v !== null && !Array.isArray(v);
const str = (v: unknown): string | null => (typeof v === 'string' && v ? v : null);

/** The parameter pages of a template's spec.parameters (one JSON-Schema object or a list of them). */
function templatePages(parameters: unknown): TemplateCard['pages'] {
  const pages = Array.isArray(parameters) ? parameters : parameters === undefined ? [] : [parameters];
  return pages.filter(isObject).map((page, i) => {
    const required = new Set(Array.isArray(page.required) ? page.required.filter((r): r is string => typeof r === 'string') : []);
    const props = isObject(page.properties) ? page.properties : {};
    return {
      title: str(page.title) ?? `Step ${i + 1}`,
      parameters: Object.entries(props).map(([name, schema]) => ({
        name,
        title: (isObject(schema) && str(schema.title)) || name,
        required: required.has(name),
        field: isObject(schema) ? str(schema['ui:field']) : null,
      })),
    };
  });
}

function templateSteps(steps: unknown): TemplateCard['steps'] {
  if (!Array.isArray(steps)) return [];
  return steps.filter(isObject).map((s, i) => ({ id: str(s.id) ?? `step-${i + 1}`, name: str(s.name), action: str(s.action) ?? '?' }));
}

export async function listTemplateCards(): Promise<TemplateCard[]> {
  const prisma = await getPrisma();
  const rows = await prisma.entity.findMany({
    where: { kind: 'Template' },
    select: { ref: true, name: true, title: true, owner: true, specType: true, tags: true, body: true, rawYaml: true },
    orderBy: [{ title: 'asc' }, { name: 'asc' }],
  });
  return rows.map((r) => {
    const body = catalogEntityOf(r.body);
    // Parameter order is the form's order; the stored body (jsonb) does not keep key order, the
    // descriptor as written does.
    const spec = specInWrittenOrder(r.rawYaml, body.spec);
    return {
      ref: r.ref,
      name: r.name,
      title: r.title ?? r.name,
      description: str(body.metadata.description),
      owner: r.owner,
      type: r.specType,
      tags: r.tags,
      pages: templatePages(spec.parameters),
      steps: templateSteps(spec.steps),
    };
  });
}

/**
 * The stored spec (substitutions such as `$yaml: ./parameters.yaml` resolved) with its keys in the
 * order the author wrote them, which jsonb does not keep: the form's field order. A value a
 * substitution put in keeps the stored order.
 */
export function specInWrittenOrder(rawYaml: string, spec: unknown): JsonObject {
  let written: unknown = undefined;
  try {
    const doc: unknown = parse(rawYaml, { maxAliasCount: 0 });
    if (isObject(doc)) written = doc.spec;
  } catch {
    // Stored descriptors parsed once already; if this one does not, the stored order it is.
  }
  const ordered = inWrittenOrder(spec, written);
  return isObject(ordered) ? ordered : {};
}

function inWrittenOrder(stored: unknown, written: unknown): unknown {
  if (Array.isArray(stored)) return stored.map((v, i) => inWrittenOrder(v, Array.isArray(written) ? written[i] : undefined));
  if (!isObject(stored)) return stored;
  const from = isObject(written) ? written : {};
  const keys = new Set([...Object.keys(from).filter((k) => Object.hasOwn(stored, k)), ...Object.keys(stored)]);
  return Object.fromEntries([...keys].map((k) => [k, inWrittenOrder(stored[k], from[k])]));
}
