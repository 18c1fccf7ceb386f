import vm from 'node:vm';
import { Ajv, type ErrorObject, type ValidateFunction } from 'ajv';

// Template parameters are JSON Schema (draft-07, as react-jsonschema-form with ajv8 reads them),
// one schema per form page. The server validates the submitted values against every page again,
// as Backstage's scaffolder backend does: a request that bypasses the form gets each bad field.
// `ui:*` keys are form hints, not schema, and are ignored here. A property may carry its own
// message in `errorMessage` (a string, or one per keyword: `{ pattern: "lower-case letters" }`).

export type FieldError = { field: string; message: string };

type Schema = Record<string, unknown>;

// A template's `pattern`s run here against what anyone submits, and JavaScript's regex engine
// backtracks: `^(a+)+$` takes seconds on 30 characters, doubling with each more, on the thread every
// request needs. So each test runs under a deadline (vm's timeout interrupts a regex mid-match), and
// one validation has a budget: once spent, the patterns left fail unchecked. The limits are wall
// clock, generous so that a busy server never refuses a pattern that takes microseconds (20 ms did,
// under load). Refusing risky pattern shapes instead (as scorecards do) would refuse common Backstage
// ones such as `^[a-z]+(-[a-z]+)*$`.
const PATTERN_TEST_MS = 200;
const VALIDATION_BUDGET_MS = 500;
const patternSandbox = vm.createContext(Object.create(null));
const patternTest = new vm.Script('re.test(value)');
let deadline = Infinity;
/** Patterns not checked in the validation in progress: too slow alone, or left when the budget ran out. */
const unchecked = new Map<string, 'slow' | 'skipped'>();
const markUnchecked = (source: string, why: 'slow' | 'skipped') => {
  if (unchecked.get(source) !== 'slow') unchecked.set(source, why);
};

function boundedRegExp(source: string, flags: string): { test(value: string): boolean; toString(): string } {
  const re = new RegExp(source, flags);
  return {
    // ajv keeps one compiled pattern per distinct text.
    toString: () => re.toString(),
    test(value: string): boolean {
      // A stall of the whole process (a busy machine, a long pause) runs a deadline out too, with a
      // pattern of microseconds: a second try, within the budget, tells the two apart.
      for (let attempt = 1; ; attempt++) {
        const left = deadline - performance.now();
        if (left <= 0) {
          markUnchecked(source, 'skipped');
          return false;
        }
        const timeout = Math.ceil(Math.min(PATTERN_TEST_MS, left));
        Object.assign(patternSandbox, { re, value });
        try {
          return patternTest.runInContext(patternSandbox, { timeout }) === true;
        } catch (err) {
          if ((err as { code?: string }).code !== 'ERR_SCRIPT_EXECUTION_TIMEOUT') throw err;
          if (attempt === 2) {
            markUnchecked(source, timeout === PATTERN_TEST_MS ? 'slow' : 'skipped');
            return false;
          }
        } finally {
          Object.assign(patternSandbox, { re: null, value: null });
        }
      }
    },
  };
}
boundedRegExp.code = 'boundedRegExp';

const ajv = new Ajv({ allErrors: true, strict: false, useDefaults: false, code: { regExp: boundedRegExp } });

// ajv's own uniqueItems compares every pair of items that are not all of one scalar type with a
// deep equal: 30,000 small objects took 18 s. Here each item becomes canonical JSON (keys sorted,
// so two objects are equal as a deep equal finds them) in a map: linear in the size of the list.
function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value && typeof value === 'object')
    return `{${Object.keys(value)
      .sort()
      .map((k) => `${JSON.stringify(k)}:${canonicalJson((value as Record<string, unknown>)[k])}`)
      .join(',')}}`;
  return JSON.stringify(value) ?? 'null';
}
const uniqueItems = (unique: boolean, items: unknown[]): boolean => {
  if (!unique) return true;
  const seen = new Map<string, number>();
  for (const [j, item] of items.entries()) {
    const key = canonicalJson(item);
    const i = seen.get(key);
    if (i !== undefined) {
      uniqueItems.errors = [
        { keyword: 'uniqueItems', params: { i, j }, message: `must NOT have duplicate items (items ${i} and ${j} are identical)` },
      ];
      return false;
    }
    seen.set(key, j);
  }
  return true;
};
uniqueItems.errors = [] as Partial<ErrorObject>[];
ajv.removeKeyword('uniqueItems');
ajv.addKeyword({ keyword: 'uniqueItems', type: 'array', schemaType: 'boolean', errors: true, validate: uniqueItems });
// By schema text, so a template's pages compile once rather than at every submission (each loads a
// new copy of the template); the least recently used go, and ajv forgets them too.
const MAX_COMPILED = 200;
const compiled = new Map<string, ValidateFunction>();

function compile(page: Schema): ValidateFunction {
  // Only the schema keywords: `ui:` hints and `errorMessage` would be unknown keywords.
  const schema = stripFormKeys(page) as Schema;
  const key = JSON.stringify(schema);
  let fn = compiled.get(key);
  if (fn) compiled.delete(key);
  else fn = ajv.compile(schema);
  compiled.set(key, fn);
  if (compiled.size > MAX_COMPILED) {
    const [oldest, old] = compiled.entries().next().value!;
    compiled.delete(oldest);
    ajv.removeSchema(old.schema as Schema);
  }
  return fn;
}

function stripFormKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(stripFormKeys);
  if (!value || typeof value !== 'object') return value;
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(value)) {
    if (k.startsWith('ui:') || k === 'errorMessage') continue;
    // `properties` maps names to schemas: its keys are names, never hints.
    out[k] = stripFormKeys(v);
  }
  return out;
}

function schemaAt(page: Schema, instancePath: string): Schema | undefined {
  let node: Schema | undefined = page;
  for (const part of instancePath.split('/').filter(Boolean)) {
    const props = node?.properties as Record<string, Schema> | undefined;
    node = props?.[decodeURIComponent(part)] ?? (node?.items as Schema | undefined);
  }
  return node;
}

function messageOf(page: Schema, error: ErrorObject): FieldError {
  const missing = error.keyword === 'required' ? (error.params as { missingProperty: string }).missingProperty : null;
  const path = error.instancePath.replace(/^\//, '').replace(/\//g, '.');
  const field = missing ? (path ? `${path}.${missing}` : missing) : path || '_';
  const schema = schemaAt(page, missing ? `${error.instancePath}/${missing}` : error.instancePath);
  const custom = schema?.errorMessage;
  const own =
    typeof custom === 'string'
      ? custom
      : custom && typeof custom === 'object'
        ? (custom as Record<string, unknown>)[error.keyword]
        : undefined;
  const title = typeof schema?.title === 'string' ? schema.title : field;
  const pattern = error.keyword === 'pattern' ? (error.params as { pattern: string }).pattern : null;
  if (pattern !== null && unchecked.get(pattern) === 'slow')
    return {
      field,
      message: `${title} could not be checked against ${pattern} in time: the template's pattern can take exponential time; ask its owner to simplify it`,
    };
  if (pattern !== null && unchecked.has(pattern))
    return { field, message: `${title} was not checked against ${pattern}: checking the other fields' patterns took too long` };
  if (typeof own === 'string') return { field, message: own };
  if (missing) return { field, message: `${title} is required` };
  if (pattern !== null) return { field, message: `${title} must match ${pattern}` };
  if (error.keyword === 'enum')
    return {
      field,
      message: `${title} must be one of ${((error.params as { allowedValues: unknown[] }).allowedValues ?? []).map((v) => JSON.stringify(v)).join(', ')}`,
    };
  return { field, message: `${title} ${error.message ?? 'is invalid'}` };
}

// A whole validation has a time limit too: past patterns, a schema can cost far more than its size
// (a chain of `allOf: [$ref, $ref]` doubles the work at each link) and the values are as large as
// the request allows. vm's timeout interrupts ajv's validator wherever it is (a pattern's own
// deadline inside still applies); the values are then refused with a message that says why.
const VALIDATION_LIMIT_MS = 2_000;
const validationSandbox = vm.createContext(Object.create(null));
const validationRun = new vm.Script('validate(values)');

class ValidationTimeout extends Error {}

function runValidate(validate: ValidateFunction, values: unknown, until: number): boolean {
  const left = until - performance.now();
  if (left <= 0) throw new ValidationTimeout();
  Object.assign(validationSandbox, { validate, values });
  try {
    return validationRun.runInContext(validationSandbox, { timeout: Math.ceil(left) }) === true;
  } catch (err) {
    if ((err as { code?: string }).code === 'ERR_SCRIPT_EXECUTION_TIMEOUT') throw new ValidationTimeout();
    throw err;
  } finally {
    Object.assign(validationSandbox, { validate: null, values: null });
  }
}

/** Every field of `values` that breaks a page's schema; empty when the values are valid. */
export function validateParameters(pages: Schema[], values: Record<string, unknown>): FieldError[] {
  // Compiled first: the budget is for running the patterns, not for ajv's first compile.
  const compiledPages = pages.map((page) => ({ page, validate: compile(page) }));
  const started = performance.now();
  deadline = started + VALIDATION_BUDGET_MS;
  unchecked.clear();
  try {
    return fieldErrors(compiledPages, values, started + VALIDATION_LIMIT_MS);
  } catch (err) {
    if (!(err instanceof ValidationTimeout)) throw err;
    return [
      {
        field: '_',
        message: `The values could not be checked against the template's parameters within ${VALIDATION_LIMIT_MS / 1000} s: a list is too long or the parameter schema too complex. Submit fewer items, or ask the template's owner to simplify its parameters`,
      },
    ];
  } finally {
    deadline = Infinity;
  }
}

function fieldErrors(pages: { page: Schema; validate: ValidateFunction }[], values: Record<string, unknown>, until: number): FieldError[] {
  const errors: FieldError[] = [];
  const seen = new Set<string>();
  for (const { page, validate } of pages) {
    if (runValidate(validate, values, until)) continue;
    for (const err of validate.errors ?? []) {
      // if/then and oneOf add a summary error on top of the field errors they contain.
      if (['if', 'oneOf', 'anyOf', 'allOf'].includes(err.keyword)) continue;
      const e = messageOf(page, err);
      const key = `${e.field}\u0000${e.message}`;
      if (!seen.has(key)) errors.push(e);
      seen.add(key);
    }
  }
  return errors;
}
