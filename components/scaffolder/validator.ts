import { Validator, type OutputUnit, type Schema } from '@cfworker/json-schema';
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

function toRjsfError(root: Json, unit: OutputUnit): RJSFValidationError | null {
  if (SUMMARY.has(unit.keyword)) return null;
  const path = unit.instanceLocation.replace(/^#\/?/, '').split('/').filter(Boolean).map(decodeURIComponent);
  const missing = unit.keyword === 'required' ? /"([^"]+)"/.exec(unit.error)?.[1] : undefined;
  const fieldPath = missing ? [...path, missing] : path;
  const schema = schemaAt(root, fieldPath);
  const custom = schema?.errorMessage;
  const own = typeof custom === 'string' ? custom : custom && typeof custom === 'object' ? (custom as Json)[unit.keyword] : undefined;
  const title = typeof schema?.title === 'string' ? schema.title : (fieldPath.at(-1) ?? 'value');
  const message =
    typeof own === 'string' ? own : missing ? 'is a required property' : unit.error.replace(/^Instance /, '').replace(/\.$/, '');
  const property = fieldPath.length ? `.${fieldPath.join('.')}` : '';
  return {
    name: unit.keyword,
    property,
    message,
    params: {},
    schemaPath: unit.keywordLocation,
    stack: `${title} ${message}`.trim(),
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
