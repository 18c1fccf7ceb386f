// Entity references: `[kind:][namespace/]name`.
// Semantics follow Backstage's packages/catalog-model/src/entity/ref.ts:
// the first ':' separates the kind, unless a '/' comes before it (then the whole
// rest is namespace/name); the first '/' separates the namespace; empty parts are errors.
// https://backstage.io/docs/features/software-catalog/references

export const DEFAULT_NAMESPACE = 'default';

export type CompoundEntityRef = {
  kind: string;
  namespace: string;
  name: string;
};

export type EntityRefContext = {
  defaultKind?: string;
  defaultNamespace?: string;
};

export type EntityRefInput = string | { kind?: string; namespace?: string; name: string };

const REF_FORM = '[<kind>:][<namespace>/]<name>';

function splitRefString(ref: string): { kind?: string; namespace?: string; name: string } {
  let colon = ref.indexOf(':');
  const slash = ref.indexOf('/');
  // "ns/na:me" has no kind: a ':' after the namespace slash belongs to the name.
  if (slash !== -1 && slash < colon) colon = -1;
  const kind = colon === -1 ? undefined : ref.slice(0, colon);
  const namespace = slash === -1 ? undefined : ref.slice(colon + 1, slash);
  const name = ref.slice(Math.max(colon + 1, slash + 1));
  if (kind === '' || namespace === '' || name === '') {
    throw new TypeError(`Entity reference "${ref}" was not on the form ${REF_FORM}`);
  }
  return { kind, namespace, name };
}

/**
 * Parses a ref into its three parts. Missing kind/namespace come from `context`
 * (namespace falls back to "default"); a ref without a kind and no defaultKind throws,
 * because the kind cannot be guessed.
 */
export function parseEntityRef(ref: EntityRefInput, context?: EntityRefContext): CompoundEntityRef {
  if (typeof ref === 'string' ? ref.trim() === '' : !ref) {
    throw new TypeError('Entity reference must not be empty');
  }
  if (typeof ref !== 'string' && typeof ref !== 'object') {
    throw new TypeError(`Entity reference must be a string or an object, got ${typeof ref}`);
  }
  const parts = typeof ref === 'string' ? splitRefString(ref) : ref;
  const kind = parts.kind ?? context?.defaultKind;
  const namespace = parts.namespace ?? (context?.defaultNamespace || DEFAULT_NAMESPACE);
  const name = parts.name;
  const shown = typeof ref === 'string' ? `"${ref}"` : JSON.stringify(ref);
  if (!kind) {
    throw new TypeError(`Entity reference ${shown} has no kind; write it as ${REF_FORM}, e.g. "component:${name || 'my-service'}"`);
  }
  if (!namespace) throw new TypeError(`Entity reference ${shown} has an empty namespace`);
  if (!name) throw new TypeError(`Entity reference ${shown} has an empty name`);
  return { kind, namespace, name };
}

/** Like parseEntityRef, but returns null instead of throwing. */
export function tryParseEntityRef(ref: EntityRefInput, context?: EntityRefContext): CompoundEntityRef | null {
  try {
    return parseEntityRef(ref, context);
  } catch {
    // Expected for user input; callers that need the reason use parseEntityRef.
    return null;
  }
}

/**
 * The one canonical form of a ref: `kind:namespace/name`, all lowercase, since
 * Backstage compares refs case-insensitively. Every stored or compared ref goes through here.
 */
export function stringifyEntityRef(ref: { kind: string; namespace?: string; name: string }): string {
  const namespace = ref.namespace || DEFAULT_NAMESPACE;
  return `${ref.kind}:${namespace}/${ref.name}`.toLowerCase();
}

/** A ref as people read it: the name, with the namespace when it is not the default one. */
export function shortRef(e: { namespace?: string; name: string }): string {
  return e.namespace && e.namespace !== DEFAULT_NAMESPACE ? `${e.namespace}/${e.name}` : e.name;
}

/** The owner as a descriptor writes it: `team-a` for a Group in the default namespace. */
export function shortOwnerRef(ref: string): string {
  const m = /^([^:]+):([^/]+)\/(.+)$/.exec(ref);
  if (!m) return ref;
  const [, kind, namespace, name] = m;
  const ns = namespace === DEFAULT_NAMESPACE ? '' : `${namespace}/`;
  return kind.toLowerCase() === 'group' ? `${ns}${name}` : `${kind.toLowerCase()}:${ns}${name}`;
}

/**
 * An owner as a person or a descriptor writes it, as a canonical ref: `team-a` is
 * group:default/team-a, as spec.owner reads it; text that is no ref comes back lower-cased.
 */
export function ownerRefOf(text: string): string {
  const ref = tryParseEntityRef(text.trim(), { defaultKind: 'group', defaultNamespace: DEFAULT_NAMESPACE });
  return ref ? stringifyEntityRef(ref) : text.trim().toLowerCase();
}

/** The system as a descriptor writes it: `payments` for a System in the default namespace. */
export function shortSystemRef(ref: string): string {
  const m = /^system:([^/]+)\/(.+)$/i.exec(ref);
  if (!m) return ref;
  return m[1] === DEFAULT_NAMESPACE ? m[2] : `${m[1]}/${m[2]}`;
}
