import path from 'node:path';
import { stringify } from 'yaml';
import { deriveRelations, findKnownKind, parseDescriptorStream, resolveSubstitutions, stringifyEntityRef, validateEntity, type Entity } from '@/lib/catalog/model';
import { DEFAULT_CATALOG_LIMITS, type CatalogLimits, type CatalogRule } from '@/lib/config/schema';
import { toEntityRow } from './entity-row';
import { canonicalTarget, displayTarget, isUrl, locationRef, type LocationSpec } from './location-target';
import { substitutionReader } from './read-sources';
import { readAnyUrl, readLocation } from './sources';
import type { PreparedEntity } from './write-entities';

// Reads and validates everything one location produces, without touching the database: used by
// ingestion and by the "register location" preview alike.

export type IngestError = { file: string; line: number; column: number; code: string; message: string; entityRef: string | null };

/** What reading a location found besides its entities; complete once its entity stream is drained. */
export type LocationFindings = {
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
  /** Every ref the location yields, with where it is first defined (file index × 2^24 + line):
   * duplicates are reported against it, and entities of the location not in it are removed. */
  refs: Map<string, number>;
};

export type ProcessedLocation = LocationFindings & { entities: PreparedEntity[] };

export type ProcessOptions = {
  rules: CatalogRule[];
  roots: string[];
  originRef: string;
  locationId: string | null;
  /** Read only this descriptor (absolute path) of a folder or glob `file` location. */
  onlyFile?: string;
  /** Per-file limits (catalog.limits). */
  limits?: CatalogLimits;
};

const ALL = '*';

function allowedKinds(rules: CatalogRule[]): Set<string> {
  return new Set(rules.flatMap((r) => r.allow.map((k) => (k === ALL ? ALL : k.toLowerCase()))));
}

/** Reads, validates and collects everything one location produces (the registration preview). */
export async function processLocation(loc: LocationSpec, options: ProcessOptions): Promise<ProcessedLocation> {
  const stream = streamLocation(loc, options);
  const entities: PreparedEntity[] = [];
  for await (const batch of stream.entities) entities.push(...batch);
  return { ...stream.findings, entities };
}

/**
 * Reads and validates a location as a stream: files are read one at a time and parsed a piece at a
 * time (parseDescriptorStream), and `entities` yields each piece's valid entities, so that memory
 * holds one piece whatever the size of the location. `findings` fills in as the stream is drained.
 */
export function streamLocation(loc: LocationSpec, options: ProcessOptions): { entities: AsyncGenerator<PreparedEntity[]>; findings: LocationFindings } {
  const findings: LocationFindings = {
    errors: [], invalidRefs: new Set(), failedFiles: new Set(), unreadable: false, childLocations: [], leads: null, refs: new Map(),
  };
  return { entities: readEntities(loc, options, findings), findings };
}

async function* readEntities(loc: LocationSpec, options: ProcessOptions, out: LocationFindings): AsyncGenerator<PreparedEntity[]> {
  const limits = options.limits ?? DEFAULT_CATALOG_LIMITS;
  const read = await readLocation(options.onlyFile ? { type: 'file', target: options.onlyFile } : loc, options.locationId, limits.maxFileBytes);
  out.childLocations = read.locations ?? [];
  out.leads = read.leads ?? null;
  const unreadable = (file: string, message: string) => {
    out.failedFiles.add(file);
    out.errors.push({ file, line: 1, column: 1, code: 'unreadable', message, entityRef: null });
  };
  for (const f of read.failures) unreadable(displayTarget({ type: loc.type, target: f.file }), f.message);
  let readFiles = 0;
  const allowed = allowedKinds(options.rules);
  const firstAt = out.refs;
  const files: string[] = [];
  const LINE = 2 ** 24;

  for (const source of read.files) {
    const absFile = source.file;
    const file = displayTarget({ type: loc.type, target: absFile });
    let text: string;
    try {
      text = await source.read();
    } catch (err) {
      unreadable(file, (err as Error).message);
      continue;
    }
    readFiles++;
    files.push(file);
    const reader = substitutionReader(absFile, options.roots, readAnyUrl);
    for (const parsed of parseDescriptorStream(text, file, { maxBytes: limits.maxFileBytes, maxDocuments: limits.maxDocumentsPerFile })) {
      if (parsed.documents.length === 0 && parsed.errors.length > 0) out.failedFiles.add(file);
      for (const e of parsed.errors.filter((err) => !parsed.documents.some((d) => d.errors.includes(err)))) {
        out.errors.push({ ...e, entityRef: null });
      }
      const batch: PreparedEntity[] = [];
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
        const previous = firstAt.get(doc.ref);
        if (previous !== undefined) {
          const p = doc.positionOf(['metadata', 'name']);
          out.errors.push({
            file, line: p.line, column: p.column, code: 'duplicate', entityRef: doc.ref,
            message: `${doc.ref} is defined twice in this location (first at ${files[Math.floor(previous / LINE)]}:${previous % LINE}); remove one at ${file}:${p.line}:${p.column}`,
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
        firstAt.set(ownString(doc.ref), (files.length - 1) * LINE + doc.position.line);
        const annotated = annotate(entity, locationRef({ type: loc.type, target: absFile }), options.originRef);
        batch.push({ row: toEntityRow(annotated, doc.relations, { rawYaml: doc.source, file, line: doc.position.line }), relations: doc.relations });
      }
      if (batch.length) yield batch;
    }
  }
  out.unreadable = readFiles === 0 && !read.entities?.length && !read.locations?.length && read.failures.length + out.failedFiles.size > 0;

  let batch: PreparedEntity[] = [];
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
    out.refs.set(ref, 0);
    const annotated = annotate(entity, locationRef(loc), options.originRef);
    batch.push({ row: toEntityRow(annotated, relations, { rawYaml: stringify(entity), file, line: null }), relations });
    if (batch.length === 100) {
      yield batch;
      batch = [];
    }
  }
  if (batch.length) yield batch;
}

/**
 * A copy of `s` that shares no memory with the text it was cut from: a ref built from a parsed name
 * can point into its whole descriptor's text, which a map of every ref would otherwise keep alive.
 */
function ownString(s: string): string {
  return Buffer.from(s, 'utf8').toString('utf8');
}

function annotate(entity: Entity, location: string, origin: string): Entity {
  return {
    ...entity,
    metadata: {
      ...entity.metadata,
      annotations: { ...entity.metadata.annotations, 'backstage.io/managed-by-location': location, 'backstage.io/managed-by-origin-location': origin },
    },
  };
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
