// Backstage naming rules for the entity envelope, with the same limits as
// packages/catalog-model (KubernetesValidatorFunctions / CommonValidatorFunctions).
// https://backstage.io/docs/features/software-catalog/descriptor-format#common-to-all-kinds-the-metadata
// Every message names the field, the bad value and what would be accepted.

import type { DocumentPath, Entity, ValidationIssue } from './entity';
import { validateKindSpec } from './kinds';

// Backstage's own expressions: separators may follow one another (`a--b`, `a_.b`), as in Kubernetes.
const NAME_PART = /^([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]$/;
const DNS_LABEL = /^[a-z0-9]+(?:-+[a-z0-9]+)*$/;
const KIND = /^[a-zA-Z][a-z0-9A-Z]*$/;
const API_VERSION_SUFFIX = /^[a-z0-9A-Z]+$/;
const TAG = /^[a-z0-9:+#]+(-[a-z0-9:+#]+)*$/;

/**
 * NAME_PART in words, for metadata.name, label values and the name part of keys: the errors say it,
 * and so does every form that asks for a name (a hint and its error never disagree).
 */
export const OBJECT_NAME_RULE = 'letters a-z, A-Z, digits, -, _ and ., beginning and ending with a letter or digit (1-63 characters)';
export const NAMESPACE_RULE = 'lowercase letters a-z, digits and dashes, beginning and ending with a letter or digit (1-63 characters)';
const NAME_RULE = `must be ${OBJECT_NAME_RULE}`;
const KEY_RULE = `must be [prefix/]name where prefix is a DNS subdomain (max 253 chars) and name is ${OBJECT_NAME_RULE}`;

function within(value: string, min: number, max: number): boolean {
  return value.length >= min && value.length <= max;
}

export function isValidObjectName(value: string): boolean {
  return within(value, 1, 63) && NAME_PART.test(value);
}

export function isValidDnsLabel(value: string): boolean {
  return within(value, 1, 63) && DNS_LABEL.test(value);
}

export function isValidDnsSubdomain(value: string): boolean {
  return within(value, 1, 253) && value.split('.').every(isValidDnsLabel);
}

export function isValidNamespace(value: string): boolean {
  return isValidDnsLabel(value);
}

export function isValidKind(value: string): boolean {
  return within(value, 1, 63) && KIND.test(value);
}

/** `group/version`, e.g. backstage.io/v1alpha1; the group is a DNS subdomain. */
export function isValidApiVersion(value: string): boolean {
  const parts = value.split('/');
  return parts.length === 2 && isValidDnsSubdomain(parts[0]) && within(parts[1], 1, 63) && API_VERSION_SUFFIX.test(parts[1]);
}

/** Label and annotation keys: optional DNS-subdomain prefix, then '/', then an object name. */
export function isValidLabelOrAnnotationKey(value: string): boolean {
  const parts = value.split('/');
  if (parts.length === 1) return isValidObjectName(parts[0]);
  return parts.length === 2 && isValidDnsSubdomain(parts[0]) && isValidObjectName(parts[1]);
}

export function isValidLabelValue(value: string): boolean {
  return value === '' || isValidObjectName(value);
}

export function isValidTag(value: string): boolean {
  return within(value, 1, 63) && TAG.test(value);
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function issue(path: DocumentPath, message: string): ValidationIssue {
  return { path, message };
}

function validateStringMap(field: 'labels' | 'annotations', value: unknown): ValidationIssue[] {
  const base: DocumentPath = ['metadata', field];
  if (!isObject(value)) return [issue(base, `metadata.${field} must be a map of key: value`)];
  const issues: ValidationIssue[] = [];
  for (const [key, v] of Object.entries(value)) {
    const path = [...base, key];
    if (!isValidLabelOrAnnotationKey(key)) {
      issues.push(issue(path, `metadata.${field} key "${key}" ${KEY_RULE}`));
    }
    if (typeof v !== 'string') {
      issues.push(issue(path, `metadata.${field}["${key}"] must be a string; quote the value`));
    } else if (field === 'labels' && !isValidLabelValue(v)) {
      issues.push(issue(path, `metadata.labels["${key}"] value "${v}" must be empty or ${OBJECT_NAME_RULE}`));
    }
  }
  return issues;
}

function validateTags(value: unknown): ValidationIssue[] {
  if (!Array.isArray(value)) return [issue(['metadata', 'tags'], 'metadata.tags must be a list of strings')];
  return value.flatMap((tag, i) => {
    const path = ['metadata', 'tags', i];
    if (typeof tag !== 'string') return [issue(path, `metadata.tags[${i}] must be a string`)];
    return isValidTag(tag) ? [] : [issue(path, `metadata.tags[${i}] "${tag}" must match [a-z0-9:+#] in words joined by '-', 1-63 chars`)];
  });
}

function validateLinks(value: unknown): ValidationIssue[] {
  if (!Array.isArray(value)) return [issue(['metadata', 'links'], 'metadata.links must be a list of { url, title }')];
  return value.flatMap((link, i) => {
    const path = ['metadata', 'links', i];
    if (!isObject(link)) return [issue(path, `metadata.links[${i}] must be an object with a url`)];
    const issues: ValidationIssue[] = [];
    if (typeof link.url !== 'string' || link.url.trim() === '') {
      issues.push(issue([...path, 'url'], `metadata.links[${i}].url is required`));
    }
    for (const key of ['title', 'icon', 'type'] as const) {
      if (link[key] !== undefined && typeof link[key] !== 'string') {
        issues.push(issue([...path, key], `metadata.links[${i}].${key} must be a string`));
      }
    }
    return issues;
  });
}

function validateMetadata(metadata: unknown): ValidationIssue[] {
  if (!isObject(metadata)) {
    return [issue(['metadata'], 'metadata is required and must be an object with at least a name')];
  }
  const issues: ValidationIssue[] = [];
  const { name, namespace } = metadata;
  if (name === undefined || name === null) {
    issues.push(issue(['metadata', 'name'], 'metadata.name is required'));
  } else if (typeof name !== 'string' || !isValidObjectName(name)) {
    issues.push(issue(['metadata', 'name'], `metadata.name ${JSON.stringify(name)} ${NAME_RULE}`));
  }
  if (namespace !== undefined && (typeof namespace !== 'string' || !isValidNamespace(namespace))) {
    issues.push(issue(['metadata', 'namespace'], `metadata.namespace ${JSON.stringify(namespace)} must be ${NAMESPACE_RULE}`));
  }
  for (const key of ['title', 'description', 'uid', 'etag'] as const) {
    if (metadata[key] !== undefined && typeof metadata[key] !== 'string') {
      issues.push(issue(['metadata', key], `metadata.${key} must be a string`));
    }
  }
  if (metadata.labels !== undefined) issues.push(...validateStringMap('labels', metadata.labels));
  if (metadata.annotations !== undefined) issues.push(...validateStringMap('annotations', metadata.annotations));
  if (metadata.tags !== undefined) issues.push(...validateTags(metadata.tags));
  if (metadata.links !== undefined) issues.push(...validateLinks(metadata.links));
  return issues;
}

/**
 * Validates a parsed document as a catalog entity: envelope first, then the kind's spec.
 * Returns every issue found (empty array = valid); never throws on bad input.
 */
export function validateEntity(entity: unknown): ValidationIssue[] {
  if (!isObject(entity)) {
    return [issue([], 'an entity must be a YAML mapping with apiVersion, kind, metadata and spec')];
  }
  const issues: ValidationIssue[] = [];
  const { apiVersion, kind, spec } = entity;
  let envelopeOk = true;
  if (apiVersion === undefined || apiVersion === null) {
    issues.push(issue(['apiVersion'], 'apiVersion is required, e.g. backstage.io/v1alpha1'));
    envelopeOk = false;
  } else if (typeof apiVersion !== 'string' || !isValidApiVersion(apiVersion)) {
    issues.push(
      issue(['apiVersion'], `apiVersion ${JSON.stringify(apiVersion)} must have the form group/version, e.g. backstage.io/v1alpha1`),
    );
    envelopeOk = false;
  }
  if (kind === undefined || kind === null) {
    issues.push(issue(['kind'], 'kind is required, e.g. Component'));
    envelopeOk = false;
  } else if (typeof kind !== 'string' || !isValidKind(kind)) {
    issues.push(issue(['kind'], `kind ${JSON.stringify(kind)} must match [a-zA-Z][a-z0-9A-Z]*, 1-63 chars, start with a letter`));
    envelopeOk = false;
  }
  issues.push(...validateMetadata(entity.metadata));
  if (spec !== undefined && !isObject(spec)) {
    issues.push(issue(['spec'], 'spec must be an object'));
  }
  if (entity.relations !== undefined && !Array.isArray(entity.relations)) {
    issues.push(issue(['relations'], 'relations must be a list of { type, targetRef }'));
  }
  // Kind rules only make sense once apiVersion and kind are well-formed strings.
  if (envelopeOk) issues.push(...validateKindSpec(apiVersion as string, kind as string, spec));
  return issues;
}

/** Narrows a value to an entity when the validator found no issue in it (pass the issues already found). */
export function isValidEntity(value: unknown, issues: ValidationIssue[] = validateEntity(value)): value is Entity {
  return issues.length === 0;
}
