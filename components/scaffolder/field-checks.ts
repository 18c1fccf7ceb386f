import type { CustomValidator, FieldValidation, FormValidation } from '@rjsf/utils';
import { isValidObjectName } from '@/lib/catalog/model/validation';
import { missingRepoUrlParts } from './repo-url-value';

// Backstage's picker fields check their own values in the browser, beside the JSON Schema: each
// field extension has a `validation` function, which scaffolder-react's createAsyncValidators runs
// on every value present in the form (an absent one is `required`'s business). These are the same
// checks, with messages that name the field as the schema's messages do. Backstage's backend
// checks only the JSON Schema, and so does ours: an API client that bypasses the form gets what
// Backstage would give it.

type Json = Record<string, unknown>;

/** What is wrong with a picker's value, or null; `title` names the field. */
type FieldCheck = (value: unknown, title: string) => string | null;

const FIELD_CHECKS: Record<string, FieldCheck> = {
  // plugins/scaffolder EntityNamePicker/validation.ts: KubernetesValidatorFunctions.isValidObjectName.
  EntityNamePicker: (value, title) =>
    typeof value === 'string' && isValidObjectName(value)
      ? null
      : `${title} must start and end with a letter or digit and contain only letters, digits, hyphens, underscores and periods (at most 63 characters)`,
  // plugins/scaffolder RepoUrlPicker/validation.ts: a host and a repository; GitHub needs the owner too.
  RepoUrlPicker: (value, title) => {
    const missing = typeof value === 'string' ? missingRepoUrlParts(value) : ['host', 'owner', 'repository'];
    return missing.length ? `${title} is incomplete: enter the ${missing.join(' and ')}` : null;
  },
};

/** The schema of property `name` of an object schema, in `properties` or in a branch that adds it. */
function propertySchema(schema: Json | undefined, name: string): Json | undefined {
  if (!schema || typeof schema !== 'object') return undefined;
  const own = (schema.properties as Record<string, Json> | undefined)?.[name];
  if (own) return own;
  const deps = Object.values((schema.dependencies as Json | undefined) ?? {}).filter(
    (d) => d && typeof d === 'object' && !Array.isArray(d),
  );
  const branches = [
    ...['oneOf', 'anyOf', 'allOf'].flatMap((k) => (Array.isArray(schema[k]) ? (schema[k] as Json[]) : [])),
    schema.then,
    schema.else,
    ...deps,
  ];
  for (const b of branches) {
    const found = propertySchema(b as Json | undefined, name);
    if (found) return found;
  }
  return undefined;
}

export type FieldCheckError = { path: string[]; message: string };

/** Each picker field of a page whose present value fails its field's check. */
export function pickerFieldErrors(schema: Json, uiSchema: Json, formData: unknown, path: string[] = []): FieldCheckError[] {
  if (!formData || typeof formData !== 'object' || Array.isArray(formData)) return [];
  const errors: FieldCheckError[] = [];
  for (const [name, value] of Object.entries(formData as Json)) {
    const ui = uiSchema[name] as Json | undefined;
    if (value === undefined || !ui || typeof ui !== 'object') continue;
    const field = propertySchema(schema, name);
    const check = FIELD_CHECKS[ui['ui:field'] as string];
    if (check) {
      const title = typeof field?.title === 'string' ? field.title : [...path, name].join('.');
      const message = check(value, title);
      if (message) errors.push({ path: [...path, name], message });
    } else errors.push(...pickerFieldErrors(field ?? {}, ui, value, [...path, name]));
  }
  return errors;
}

/** rjsf's `customValidate` for one page: the picker checks, each under its field. */
export function pickerValidator(schema: Json, uiSchema: Json): CustomValidator {
  return (formData, errors) => {
    for (const { path, message } of pickerFieldErrors(schema, uiSchema, formData)) {
      const at = path.reduce<FormValidation | undefined>((node, p) => node?.[p] as FormValidation | undefined, errors);
      (at as FieldValidation | undefined)?.addError(message);
    }
    return errors;
  };
}
