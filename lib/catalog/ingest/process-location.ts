import path from 'node:path';
import { stringify } from 'yaml';
import {
  catalogEntityOf,
  deriveRelations,
  findKnownKind,
  isEntityOfKind,
  parseDescriptorStream,
  resolveSubstitutions,
  stringifyEntityRef,
  validateEntity,
  type Entity,
} from '@/lib/catalog/model';
import { DEFAULT_CATALOG_LIMITS, type CatalogLimits, type CatalogRule } from '@/lib/config/schema';
import { toEntityRow } from './entity-row';
import { integrationForUrl } from '@/lib/github/integrations';
import {
  canonicalTarget,
  displayTarget,
  generatedLocationName,
  isUrl,
  locationRef,
  urlLocationAnnotations,
  type LocationSpec,
} from '../model/location-target';
import { allowedFolders, rootsRule, substitutionReader, targetOutsideReason, type AllowedFolders, type SourceRead } from './read-sources';
import { readAnyUrl, readLocation } from './sources';
import type { PreparedEntity } from './write-entities';
import type { OrgLead } from '../sources/github-org';
import { insideSkeleton, templateSkeletons } from '@/lib/scaffolder/model';

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
  leads: OrgLead[] | null;
  /** The organisation whose teams the leads are: the source is authoritative for all of them. */
  leadsOrg: string | null;
  /** Every ref the location yields, with where it is first defined (file index × 2^24 + line):
   * duplicates are reported against it, and entities of the location not in it are removed. */
  refs: Map<string, number>;
};

export type ProcessedLocation = LocationFindings & { entities: PreparedEntity[] };

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
  /** Per-file limits (catalog.limits). */
  limits?: CatalogLimits;
};

const ALL = '*';

function allowedKinds(rules: CatalogRule[]): Set<string> {
  return new Set(rules.flatMap((r) => r.allow.map((k) => (k === ALL ? ALL : k.toLowerCase()))));
}

/** Why `rules` refuse an entity of `kind`, as ingestion words it, or null when they allow it. */
export function kindRefusedBy(rules: CatalogRule[], kind: string): string | null {
  const allowed = allowedKinds(rules);
  return allowed.has(ALL) || allowed.has(kind.toLowerCase()) ? null : `(allowed: ${[...allowed].join(', ')})`;
}

/**
 * The Template skeleton folders among these files. Files are read one at a time and only Template
 * files are kept to parse, so memory stays bounded; unreadable files are reported by the main pass.
 */
async function skeletonsOfFiles(files: SourceRead['files']): Promise<string[]> {
  const templates: { file: string; text: string }[] = [];
  for (const { file, read } of files) {
    const text = await read().catch(() => '');
    if (/kind:\s*Template/.test(text)) templates.push({ file, text });
  }
  return templateSkeletons(templates);
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
export function streamLocation(
  loc: LocationSpec,
  options: ProcessOptions,
): { entities: AsyncGenerator<PreparedEntity[]>; findings: LocationFindings } {
  const findings: LocationFindings = {
    errors: [],
    invalidRefs: new Set(),
    failedFiles: new Set(),
    unreadable: false,
    childLocations: [],
    leads: null,
    leadsOrg: null,
    refs: new Map(),
  };
  return { entities: readEntities(loc, options, findings), findings };
}

async function* readEntities(loc: LocationSpec, options: ProcessOptions, out: LocationFindings): AsyncGenerator<PreparedEntity[]> {
  const limits = options.limits ?? DEFAULT_CATALOG_LIMITS;
  const within = options.confined ? await allowedFolders(options.roots, rootsRule(options.roots)) : null;
  const read = await readLocation(
    options.onlyFile ? { type: 'file', target: options.onlyFile } : loc,
    options.locationId,
    within,
    limits.maxFileBytes,
  );
  out.childLocations = read.locations ?? [];
  out.leads = read.leads ?? null;
  out.leadsOrg = read.leadsOrg ?? null;
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

  // A folder or glob: its Template skeletons (placeholder descriptors) are not catalog content.
  const skeletons = read.files.length > 1 ? await skeletonsOfFiles(read.files) : [];
  for (const source of read.files) {
    const absFile = source.file;
    if (insideSkeleton(absFile, skeletons)) continue;
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
    const reader = substitutionReader(absFile, { roots: options.roots, confined: options.confined, readUrl: readAnyUrl });
    const fromUrl = loc.type === 'url' ? urlLocationAnnotations(absFile, integrationForUrl(absFile) !== undefined) : undefined;
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
            file,
            line: p.line,
            column: p.column,
            code: 'rule',
            entityRef: null,
            message: `kind ${kind} is not allowed from this location by catalog.rules (allowed: ${[...allowed].join(', ')}) at ${file}:${p.line}:${p.column}`,
          });
          continue;
        }
        const previous = firstAt.get(doc.ref);
        if (previous !== undefined) {
          const p = doc.positionOf(['metadata', 'name']);
          out.errors.push({
            file,
            line: p.line,
            column: p.column,
            code: 'duplicate',
            entityRef: doc.ref,
            message: `${doc.ref} is defined twice in this location (first at ${files[Math.floor(previous / LINE)]}:${previous % LINE}); remove one at ${file}:${p.line}:${p.column}`,
          });
          continue;
        }
        const { entity, issues } = await resolveSubstitutions(doc.entity, reader);
        if (issues.length) {
          for (const issue of issues) {
            const p = doc.positionOf(issue.path);
            fail({
              file,
              line: p.line,
              column: p.column,
              code: 'substitution',
              message: `${issue.message} at ${file}:${p.line}:${p.column}`,
            });
          }
          continue;
        }
        firstAt.set(ownString(doc.ref), (files.length - 1) * LINE + doc.position.line);
        const annotated = annotate(entity, locationRef({ type: loc.type, target: absFile }), options.originRef, fromUrl);
        batch.push({
          row: toEntityRow(annotated, doc.relations, { rawYaml: doc.source, file, line: doc.position.line }),
          relations: doc.relations,
        });
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
      out.errors.push({
        file,
        line: 1,
        column: 1,
        code: 'rule',
        entityRef: null,
        message: `kind ${entity.kind} is not allowed from this location by catalog.rules (allowed: ${[...allowed].join(', ')})`,
      });
      continue;
    }
    if (issues.length || problems.length) {
      for (const issue of [...issues, ...problems])
        out.errors.push({ file, line: 1, column: 1, code: 'invalid-entity', message: `${ref}: ${issue.message}`, entityRef: ref });
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

/** `fromUrl`: a url location's own annotations (urlLocationAnnotations), which the entity's override. */
function annotate(entity: Entity, location: string, origin: string, fromUrl?: Record<string, string>): Entity {
  return {
    ...entity,
    metadata: {
      ...entity.metadata,
      annotations: {
        ...fromUrl,
        ...entity.metadata.annotations,
        'backstage.io/managed-by-location': location,
        'backstage.io/managed-by-origin-location': origin,
      },
    },
  };
}

/** Locations declared by a Location entity (spec.target / spec.targets), resolved to canonical form. */
export function childLocationsOf(entity: { body: unknown; sourceFile: string | null }, parent: LocationSpec): LocationSpec[] {
  const body = catalogEntityOf(entity.body);
  if (!isEntityOfKind(body, 'Location')) return [];
  const type = body.spec.type ?? parent.type;
  const targets = [body.spec.target, ...(body.spec.targets ?? [])].filter((t): t is string => typeof t === 'string');
  const descriptor = entity.sourceFile ?? parent.target;
  const base = isUrl(descriptor) ? descriptor : path.dirname(path.resolve(descriptor));
  return targets.map((t) => ({ type, target: canonicalTarget(type, t, base) }));
}

/**
 * Splits a Location entity's targets into those its location may declare and errors for the rest:
 * under `within` (a confined tree) a `file` target outside those folders, and in a tree that is not
 * `trusted` org sync, which gives identity and roles (README "Security model"): a member who could
 * declare a github-org location would get what registering one needs catalog.location.orgSync for.
 */
export async function confineChildLocations(
  specs: LocationSpec[],
  within: AllowedFolders | null,
  trusted: boolean,
): Promise<{ allowed: LocationSpec[]; refused: string[] }> {
  const allowed: LocationSpec[] = [];
  const refused: string[] = [];
  for (const spec of specs) {
    const reason =
      !trusted && spec.type === 'github-org'
        ? `${spec.target} is org sync (github-org), a source of identity and roles: only wayfinder.config.yaml or an admin may add one, so ask an admin to register it`
        : within && spec.type === 'file'
          ? await targetOutsideReason(spec.target, within)
          : null;
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
