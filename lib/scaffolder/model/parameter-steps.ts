import { isTruthy, type ValueRenderer } from './render';
import { validateParameters, type FieldError } from './parameters';
import { repoUrlFieldErrors } from './repo-url-fields';
import { isObject, localRefTarget } from './schema-ref';
import { splitSecrets } from './secret-fields';

// Parameter pages shown on a condition: a page's `when` (a boolean, or an expression such as
// `${{ parameters.cloudProvider === 'AWS' }}`) hides it, as in Backstage's sample template
// conditional-parameters-demo. The server reads a submission as Backstage 4.3's router does
// (validateParameterSteps → resolveParameterSteps in @backstage/plugin-scaffolder-common 2.4):
// pages are decided in order, each condition seeing only the values the pages before it left; a
// hidden page is not validated, and the values only hidden pages hold are dropped before the task
// sees them (a stale answer on a page the person went back from never reaches a step).

type Json = Record<string, unknown>;

/** Fields (and nested fields) that a set of page schemas holds. */
type Paths = { all?: boolean; children: Map<string, Paths> };

const allFields = (): Paths => ({ all: true, children: new Map() });

/** True when some page's visibility depends on an expression (evaluating it needs a renderer). */
export function hasPageConditions(pages: Json[]): boolean {
  return pages.some((p) => typeof p.when === 'string' && p.when.trim() !== '');
}

/**
 * scaffolder-common's evaluateCondition: a bare expression is wrapped in `${{ }}`, rendered with
 * nunjitsu's defaults (no JSON coercion) against `{ parameters }`, and tested as `if:` is (an
 * empty list is false). A condition that fails to render shows its page: validating a page too
 * many is the safe side.
 */
function evaluateCondition(renderer: ValueRenderer, condition: string, parameters: Json): boolean {
  const expression = condition.trim();
  if (!expression) return true;
  const source = expression.startsWith('${{') ? expression : `\${{ ${expression} }}`;
  try {
    return isTruthy(renderer.renderValue(source, { parameters }, { coercion: 'none' }));
  } catch {
    // Backstage shows the page too (evaluateCondition's catch).
    return true;
  }
}

function mergePaths(target: Paths, source: Paths): void {
  if (source.all) target.all = true;
  for (const [key, paths] of source.children) {
    const existing = target.children.get(key);
    if (existing) mergePaths(existing, paths);
    else target.children.set(key, paths);
  }
}

/** A schema with what its `$ref` (local only), allOf/oneOf/anyOf, then/else and dependencies add. */
function expandSchemas(schema: Json, root: Json, ancestors = new Set<Json>()): Json[] {
  if (ancestors.has(schema)) throw new Error('circular reference in parameter schema');
  const next = new Set(ancestors).add(schema);
  const schemas = [schema];
  if (typeof schema.$ref === 'string') {
    const target = localRefTarget(root, schema.$ref);
    if (!isObject(target)) throw new Error(`parameter schema reference '${schema.$ref}' is not local or names nothing`);
    schemas.push(...expandSchemas(target, root, next));
  }
  for (const keyword of ['allOf', 'oneOf', 'anyOf']) {
    const entries = schema[keyword];
    if (Array.isArray(entries)) for (const entry of entries) if (isObject(entry)) schemas.push(...expandSchemas(entry, root, next));
  }
  const dependencies = isObject(schema.dependencies) ? Object.values(schema.dependencies) : [];
  for (const entry of [schema.then, schema.else, ...dependencies]) if (isObject(entry)) schemas.push(...expandSchemas(entry, root, next));
  return schemas;
}

function collectPaths(schema: unknown, value: unknown, root: Json, isRoot = false, hidden = false): Paths {
  if (!isObject(schema) || value === undefined) return allFields();
  const paths: Paths = { children: new Map() };
  const add = (key: string, child: Paths) => {
    const existing = paths.children.get(key);
    if (existing) mergePaths(existing, child);
    else paths.children.set(key, { ...child, children: new Map(child.children) });
  };
  for (const part of expandSchemas(schema, root)) {
    // A hidden page's own additionalProperties would claim every field of the form.
    if (!(isRoot && hidden) && (part.additionalProperties === true || isObject(part.additionalProperties))) paths.all = true;
    if (isObject(part.properties)) {
      for (const [key, property] of Object.entries(part.properties))
        add(key, collectPaths(property, isObject(value) && Object.hasOwn(value, key) ? value[key] : undefined, root));
    }
    if (Array.isArray(value) && part.items !== undefined) {
      for (const [index, item] of value.entries()) {
        const itemSchema = Array.isArray(part.items) ? (part.items[index] ?? part.additionalItems) : part.items;
        add(String(index), collectPaths(itemSchema, item, root));
      }
    }
  }
  if (!isRoot && paths.children.size === 0) paths.all = true;
  return paths;
}

const omitted = Symbol('omitted');

function filterValue(value: unknown, hidden: Paths | undefined, visible: Paths | undefined): unknown {
  if (!hidden || visible?.all) return value;
  if (!visible) return omitted;
  if (Array.isArray(value)) {
    return value.map((item, index) => {
      const filtered = filterValue(
        item,
        hidden.all ? allFields() : hidden.children.get(String(index)),
        visible.children.get(String(index)) ?? allFields(),
      );
      return filtered === omitted || filtered === undefined ? item : filtered;
    });
  }
  if (isObject(value)) {
    return Object.fromEntries(
      Object.entries(value).flatMap(([key, entry]) => {
        const filtered = filterValue(entry, hidden.all ? allFields() : hidden.children.get(key), visible.children.get(key));
        return filtered === omitted ? [] : [[key, filtered]];
      }),
    );
  }
  return value;
}

/** The values without the fields that only hidden pages hold (scaffolder-common filterHiddenStepValues). */
function filterHiddenStepValues(values: Json, steps: { schema: Json; visible: boolean }[]): Json {
  if (steps.every((s) => s.visible)) return values;
  const hidden: Paths = { children: new Map() };
  const visible: Paths = { children: new Map() };
  for (const step of steps) {
    let paths: Paths;
    try {
      paths = collectPaths(step.schema, values, step.schema, true, !step.visible);
    } catch {
      // A schema it cannot follow: a hidden page claims nothing, a visible one everything.
      if (!step.visible) continue;
      paths = allFields();
    }
    mergePaths(step.visible ? visible : hidden, paths);
  }
  return filterValue(values, hidden, visible) as Json;
}

/**
 * Which pages show for these values, and the values without what only hidden pages hold.
 * `renderer` evaluates `when` expressions; it is needed only when hasPageConditions(pages).
 */
export function resolveParameterSteps(pages: Json[], values: Json, renderer?: ValueRenderer): { visible: boolean[]; values: Json } {
  const resolved: { schema: Json; visible: boolean }[] = [];
  for (const page of pages) {
    const condition = page.when;
    let visible = true;
    if (typeof condition === 'boolean') visible = condition;
    else if (typeof condition === 'string') {
      if (!renderer) throw new Error('resolveParameterSteps: a page has a `when` expression and no renderer was given');
      visible = evaluateCondition(renderer, condition, filterHiddenStepValues(values, resolved));
    }
    resolved.push({ schema: page, visible });
  }
  return { visible: resolved.map((s) => s.visible), values: filterHiddenStepValues(values, resolved) };
}

/**
 * A submission as the server takes it: the shown pages validated against what was submitted (and a
 * RepoUrlPicker's value against its allowed hosts, owners and repositories), the values of hidden
 * pages dropped, and Secret fields moved to `secrets`.
 */
export function readSubmission(
  pages: Json[],
  submitted: { values: Json; secrets: Record<string, string> },
  renderer?: ValueRenderer,
): { errors: FieldError[]; values: Json; secrets: Record<string, string> } {
  const steps = resolveParameterSteps(pages, submitted.values, renderer);
  const shown = pages.filter((_, i) => steps.visible[i]);
  const split = splitSecrets(pages, steps.values, submitted.secrets);
  return {
    errors: [
      ...validateParameters(shown, { ...submitted.values, ...submitted.secrets }),
      ...repoUrlFieldErrors(shown, steps.values),
      ...split.errors,
    ],
    values: split.values,
    secrets: split.secrets,
  };
}
