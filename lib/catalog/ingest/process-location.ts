import path from 'node:path';
import { stringify } from 'yaml';
import { deriveRelations, findKnownKind, parseDescriptorFile, resolveSubstitutions, stringifyEntityRef, validateEntity, type Entity } from '@/lib/catalog/model';
import type { CatalogRule } from '@/lib/config/schema';
import { toEntityRow, type EntityRow } from './entity-row';
import { canonicalTarget, displayTarget, generatedLocationName, isUrl, locationRef, type LocationSpec } from './location-target';
import { allowedFolders, rootsRule, substitutionReader, targetOutsideReason, type AllowedFolders } from './read-sources';
import { readAnyUrl, readLocation } from './sources';
import type { PreparedEntity } from './write-entities';
import { insideSkeleton, templateSkeletons } from './template-skeletons';

// Reads and validates everything one location produces, without touching the database: used by
// ingestion and by the "register location" preview alike.

export type IngestError = { file: string; line: number; column: number; code: string; message: string; entityRef: string | null };

export type ProcessedLocation = {
  entities: PreparedEntity[];
  errors: IngestError[];
  /** Refs named by documents that failed: their last good version must stay. */
  invalidRefs: Set<string>;
  /** Files that could not be read or parsed at all: every entity they produced before stays. */
  failedFiles: Set<string>;
  /** True when nothing of the location could be read: nothing may be removed. */
  unreadable: boolean;
  /** Locations this one yields directly (github-discovery), besides its Location entities' targets. */
  childLocations: LocationSpec[];
  /** Group leads the source reports (github-org: team maintainers). */
  leads: { group: string; user: string }[] | null;
};

export type ProcessOptions = {
  rules: CatalogRule[];
  roots: string[];
  /**
   * True when the location was registered through the API or UI, or descends from one: every file
   * it reaches must lie inside `roots` by real path. Configured locations may be anywhere.
   */
  confined: boolean;
  originRef: string;
  locationId: string | null;
  /** Read only this descriptor (absolute path) of a folder or glob `file` location. */
  onlyFile?: string;
};

const ALL = '*';

function allowedKinds(rules: CatalogRule[]): Set<string> {
  return new Set(rules.flatMap((r) => r.allow.map((k) => (k === ALL ? ALL : k.toLowerCase()))));
}

export async function processLocation(loc: LocationSpec, options: ProcessOptions): Promise<ProcessedLocation> {
  const out: ProcessedLocation = {
    entities: [], errors: [], invalidRefs: new Set(), failedFiles: new Set(), unreadable: false, childLocations: [], leads: null,
  };
  const within = options.confined ? await allowedFolders(options.roots, rootsRule(options.roots)) : null;
  const read = await readLocation(options.onlyFile ? { type: 'file', target: options.onlyFile } : loc, options.locationId, within);
  out.childLocations = read.locations ?? [];
  out.leads = read.leads ?? null;
  for (const f of read.failures) {
    const file = displayTarget({ type: loc.type, target: f.file });
    out.failedFiles.add(file);
    out.errors.push({ file, line: 1, column: 1, code: 'unreadable', message: f.message, entityRef: null });
  }
  out.unreadable = read.files.length === 0 && !read.entities?.length && !read.locations?.length && read.failures.length > 0;
  const allowed = allowedKinds(options.rules);
  const seen = new Map<string, string>();

  // A folder or glob: its Template skeletons (placeholder descriptors) are not catalog content.
  const skeletons = read.files.length > 1 ? templateSkeletons(read.files) : [];
  for (const { file: absFile, text } of read.files) {
    if (insideSkeleton(absFile, skeletons)) continue;
    const file = displayTarget({ type: loc.type, target: absFile });
    const parsed = parseDescriptorFile(text, file);
    if (parsed.documents.length === 0 && parsed.errors.length > 0) out.failedFiles.add(file);
    const reader = substitutionReader(absFile, { roots: options.roots, confined: options.confined, readUrl: readAnyUrl });
    for (const e of parsed.errors.filter((err) => !parsed.documents.some((d) => d.errors.includes(err)))) {
      out.errors.push({ ...e, entityRef: null });
    }
    for (const doc of parsed.documents) {
      const fail = (e: Omit<IngestError, 'entityRef'>) => {
        out.errors.push({ ...e, entityRef: doc.ref ?? null });
        if (doc.ref) out.invalidRefs.add(doc.ref);
      };
      doc.errors.forEach(fail);
      // A failed document that does not even name its entity could be any of the file's previous
      // entities: keep them all until the file is fixed.
      if (doc.errors.length && !doc.ref) out.failedFiles.add(file);
      if (!doc.entity || !doc.ref) continue;
      const kind = findKnownKind(doc.entity.kind) ?? doc.entity.kind;
      if (!allowed.has(ALL) && !allowed.has(kind.toLowerCase())) {
        const p = doc.positionOf(['kind']);
        out.errors.push({
          file, line: p.line, column: p.column, code: 'rule', entityRef: null,
          message: `kind ${kind} is not allowed from this location by catalog.rules (allowed: ${[...allowed].join(', ')}) at ${file}:${p.line}:${p.column}`,
        });
        continue;
      }
      const previous = seen.get(doc.ref);
      if (previous) {
        const p = doc.positionOf(['metadata', 'name']);
        out.errors.push({
          file, line: p.line, column: p.column, code: 'duplicate', entityRef: doc.ref,
          message: `${doc.ref} is defined twice in this location (first at ${previous}); remove one at ${file}:${p.line}:${p.column}`,
        });
        continue;
      }
      const { entity, issues } = await resolveSubstitutions(doc.entity, reader);
      if (issues.length) {
        for (const issue of issues) {
          const p = doc.positionOf(issue.path);
          fail({ file, line: p.line, column: p.column, code: 'substitution', message: `${issue.message} at ${file}:${p.line}:${p.column}` });
        }
        continue;
      }
      seen.set(doc.ref, `${file}:${doc.position.line}`);
      const annotated: Entity = {
        ...entity,
        metadata: {
          ...entity.metadata,
          annotations: {
            ...entity.metadata.annotations,
            'backstage.io/managed-by-location': locationRef({ type: loc.type, target: absFile }),
            'backstage.io/managed-by-origin-location': options.originRef,
          },
        },
      };
      const row: EntityRow = toEntityRow(annotated, doc.relations, { rawYaml: doc.source, file, line: doc.position.line });
      out.entities.push({ row, relations: doc.relations });
    }
  }
  for (const entity of read.entities ?? []) {
    const file = displayTarget(loc);
    const issues = validateEntity(entity);
    const { relations, problems } = deriveRelations(entity);
    const ref = stringifyEntityRef({ kind: entity.kind, namespace: entity.metadata.namespace, name: entity.metadata.name });
    if (!allowed.has(ALL) && !allowed.has(entity.kind.toLowerCase())) {
      out.errors.push({ file, line: 1, column: 1, code: 'rule', entityRef: null, message: `kind ${entity.kind} is not allowed from this location by catalog.rules (allowed: ${[...allowed].join(', ')})` });
      continue;
    }
    if (issues.length || problems.length) {
      for (const issue of [...issues, ...problems]) out.errors.push({ file, line: 1, column: 1, code: 'invalid-entity', message: `${ref}: ${issue.message}`, entityRef: ref });
      out.invalidRefs.add(ref);
      continue;
    }
    const annotated: Entity = {
      ...entity,
      metadata: {
        ...entity.metadata,
        annotations: { ...entity.metadata.annotations, 'backstage.io/managed-by-location': locationRef(loc), 'backstage.io/managed-by-origin-location': options.originRef },
      },
    };
    out.entities.push({ row: toEntityRow(annotated, relations, { rawYaml: stringify(entity), file, line: null }), relations });
  }
  return out;
}

/** Locations declared by a Location entity (spec.target / spec.targets), resolved to canonical form. */
export function childLocationsOf(entity: { body: unknown; sourceFile: string | null }, parent: LocationSpec): LocationSpec[] {
  const spec = ((entity.body as Entity).spec ?? {}) as { type?: unknown; target?: unknown; targets?: unknown };
  const type = typeof spec.type === 'string' ? spec.type : parent.type;
  const targets = [spec.target, ...(Array.isArray(spec.targets) ? spec.targets : [])].filter((t): t is string => typeof t === 'string');
  const descriptor = entity.sourceFile ?? parent.target;
  const base = isUrl(descriptor) ? descriptor : path.dirname(path.resolve(descriptor));
  return targets.map((t) => ({ type, target: canonicalTarget(type, t, base) }));
}

/** Splits a Location entity's targets into those a location may declare under `within` and errors for the rest. */
export async function confineChildLocations(specs: LocationSpec[], within: AllowedFolders | null): Promise<{ allowed: LocationSpec[]; refused: string[] }> {
  const allowed: LocationSpec[] = [];
  const refused: string[] = [];
  for (const spec of specs) {
    const reason = within && spec.type === 'file' ? await targetOutsideReason(spec.target, within) : null;
    if (reason) refused.push(`the Location's target ${reason}`);
    else allowed.push(spec);
  }
  return { allowed, refused };
}

/**
 * The Location entity Backstage generates for a configured or registered location (its
 * ConfigLocationEntityProvider and DefaultLocationStore): the entities read from the location are
 * its children. Kind rules do not apply to it, as they do not to Backstage's provider output.
 */
export function generatedLocationEntity(loc: LocationSpec): PreparedEntity {
  const ref = locationRef(loc);
  const entity: Entity = {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Location',
    metadata: {
      name: generatedLocationName(loc),
      namespace: 'default',
      annotations: { 'backstage.io/managed-by-location': ref, 'backstage.io/managed-by-origin-location': ref },
    },
    spec: { type: loc.type, target: loc.target },
  };
  return { row: toEntityRow(entity, [], { rawYaml: stringify(entity), file: null, line: null }), relations: [] };
}
