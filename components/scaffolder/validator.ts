import { format, Validator, type OutputUnit, type Schema } from '@cfworker/json-schema';
import {
  createErrorHandler,
  toErrorSchema,
  unwrapErrorHandler,
  validationDataMerge,
  type RJSFSchema,
  type RJSFValidationError,
  type ValidatorType,
} from '@rjsf/utils';

// react-jsonschema-form's validator without eval. @rjsf/validator-ajv8 compiles every schema with
// `new Function`, which the portal's Content-Security-Policy (no 'unsafe-eval') forbids in the
// browser. @cfworker/json-schema interprets the schema instead (draft-07, as Backstage templates
// use). The browser check is for comfort; the server validates every submission again with ajv.

type Json = Record<string, unknown>;

// `format: time` as Backstage's form reads it (rjsf's ajv8 validator, ajv-formats 2): the zone is
// optional. rjsf's time widget writes none ("14:30:00"); @cfworker/json-schema wants RFC 3339's
// full-time, with a zone, so a time field refused the widget's own value. Its format table is the
// one this validator's checks look formats up in.
const TIME = /^(\d\d):(\d\d):(\d\d)(\.\d+)?(z|[+-]\d\d(?::?\d\d)?)?$/i;
format.time = (value: string) => {
  const match = TIME.exec(value);
  if (!match) return false;
  const [hour, minute, second] = [Number(match[1]), Number(match[2]), Number(match[3])];
  return (hour <= 23 && minute <= 59 && second <= 59) || (hour === 23 && minute === 59 && second === 60);
};

// Summary errors of combinators: the leaf errors below them say what is wrong.
const SUMMARY = new Set([
  'properties',
  'items',
  'allOf',
  'anyOf',
  'oneOf',
  'if',
  'then',
  'else',
  'dependencies',
  'dependentSchemas',
  'additionalItems',
  '$ref',
  'prefixItems',
  'unevaluatedProperties',
]);

function schemaAt(root: Json, path: string[]): Json | undefined {
  let node: Json | undefined = root;
  for (const p of path)
    node = ((node?.properties as Record<string, Json> | undefined)?.[p] ?? (node?.items as Json | undefined)) as Json | undefined;
  return node;
}

// What follows a field's name, in the words of the server's ajv (lib/scaffolder/model/parameters.ts
// messageOf), so that a field reads the same whether the browser or the server refused it.
function detailOf(unit: OutputUnit, schema: Json | undefined): string {
  const limit = schema?.[unit.keyword];
  switch (unit.keyword) {
    case 'required':
      return 'is required';
    case 'pattern':
      return `must match ${String(limit)}`;
    case 'enum':
      return `must be one of ${((limit as unknown[]) ?? []).map((v) => JSON.stringify(v)).join(', ')}`;
    case 'const':
      return 'must be equal to constant';
    case 'type':
      return `must be ${Array.isArray(limit) ? limit.join(',') : String(limit)}`;
    case 'minLength':
      return `must NOT have fewer than ${String(limit)} characters`;
    case 'maxLength':
      return `must NOT have more than ${String(limit)} characters`;
    case 'minItems':
      return `must NOT have fewer than ${String(limit)} items`;
    case 'maxItems':
      return `must NOT have more than ${String(limit)} items`;
    case 'minimum':
      return `must be >= ${String(limit)}`;
    case 'maximum':
      return `must be <= ${String(limit)}`;
    case 'exclusiveMinimum':
      return `must be > ${String(limit)}`;
    case 'exclusiveMaximum':
      return `must be < ${String(limit)}`;
    case 'multipleOf':
      return `must be multiple of ${String(limit)}`;
    default:
      return unit.error.replace(/^(Instance|String|Array) /, '').replace(/\.$/, '');
  }
}

function toRjsfError(root: Json, unit: OutputUnit): RJSFValidationError | null {
  if (SUMMARY.has(unit.keyword)) return null;
  const path = unit.instanceLocation.replace(/^#\/?/, '').split('/').filter(Boolean).map(decodeURIComponent);
  const missing = unit.keyword === 'required' ? /"([^"]+)"/.exec(unit.error)?.[1] : undefined;
  const fieldPath = missing ? [...path, missing] : path;
  const schema = schemaAt(root, fieldPath);
  const custom = schema?.errorMessage;
  const own = typeof custom === 'string' ? custom : custom && typeof custom === 'object' ? (custom as Json)[unit.keyword] : undefined;
  // Named by its title, else by its name (the server's `field`, dotted for a nested one).
  const title = typeof schema?.title === 'string' ? schema.title : fieldPath.join('.') || 'value';
  const message = typeof own === 'string' ? own : `${title} ${detailOf(unit, schema)}`;
  const property = fieldPath.length ? `.${fieldPath.join('.')}` : '';
  return {
    name: unit.keyword,
    property,
    message,
    params: {},
    schemaPath: unit.keywordLocation,
    stack: message,
    title,
  };
}

function run(schema: unknown, data: unknown): OutputUnit[] {
  return new Validator(schema as Schema, '7', false).validate(data ?? {}).errors;
}

export const cfworkerValidator: ValidatorType = {
  validateFormData(formData, schema, customValidate, transformErrors, uiSchema) {
    let errors = run(schema, formData)
      .map((u) => toRjsfError(schema as Json, u))
      .filter((e): e is RJSFValidationError => e !== null);
    const seen = new Set<string>();
    errors = errors.filter((e) => !seen.has(`${e.property}|${e.message}`) && Boolean(seen.add(`${e.property}|${e.message}`)));
    if (transformErrors) errors = transformErrors(errors, uiSchema);
    const errorSchema = toErrorSchema(errors);
    if (!customValidate) return { errors, errorSchema };
    const userErrors = unwrapErrorHandler(customValidate(formData, createErrorHandler(formData), uiSchema));
    return validationDataMerge({ errors, errorSchema }, userErrors);
  },
  isValid(schema: RJSFSchema, formData: unknown) {
    try {
      return new Validator(schema as Schema, '7', true).validate(formData ?? {}).valid;
    } catch {
      return false;
    }
  },
  rawValidation(schema, formData) {
    try {
      return { errors: run(schema, formData) as never[] };
    } catch (err) {
      return { validationError: err as Error };
    }
  },
};
