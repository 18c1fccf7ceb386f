// Parses a catalog descriptor file (catalog-info.yaml, possibly multi-document) into
// entities, with every error located at file:line:column.
// Format: https://backstage.io/docs/features/software-catalog/descriptor-format
// Each document is handled on its own: one bad document never hides the others.

import { isAlias, isMap, isScalar, isSeq, LineCounter, parseAllDocuments, type Document, type Node } from 'yaml';
import type { DocumentPath, Entity, EntityPosition, ValidationIssue } from './entity';
import { findKnownKind } from './kinds';
import { loadPlainYaml } from './plain-yaml';
import { deriveRelations, type DerivedRelation } from './relations';
import { stringifyEntityRef } from './refs';
import { isValidEntity, validateEntity } from './validation';
import {
  checkSize,
  documentToValue,
  exceedsDepth,
  resolveParseLimits,
  yamlErrorToFailure,
  type ParseLimits,
  type YamlFailure,
  type YamlFailureCode,
} from './yaml-limits';

export type DescriptorErrorCode = YamlFailureCode | 'not-a-mapping' | 'invalid-entity' | 'invalid-relation';

export type DescriptorError = {
  file: string;
  line: number;
  column: number;
  message: string;
  code: DescriptorErrorCode;
};

export type ParsedDocument = {
  /** 0-based index of the document in the file's YAML stream. */
  index: number;
  /** Set only when the document is a valid entity (no errors). */
  entity?: Entity;
  /** Canonical ref when kind and name could be read, even if the entity is invalid, so
   * callers can attach errors to the existing entity and keep its last good version. */
  ref?: string;
  /** Relations derived from a valid entity, both directions. */
  relations: DerivedRelation[];
  /** Where the document's content starts. */
  position: EntityPosition;
  /** The document's own YAML text, as written (for the raw view and export). */
  source: string;
  errors: DescriptorError[];
  /** Position of the value at `path`, or of the nearest existing ancestor's key. */
  positionOf(path: DocumentPath): EntityPosition;
};

export type ParseDescriptorResult = {
  documents: ParsedDocument[];
  /** All errors of the file: file-level ones plus every document's errors. */
  errors: DescriptorError[];
};

const FILE_START: EntityPosition = { line: 1, column: 1 };

/** `lineOffset`: lines of the file before the piece being parsed (see parseDescriptorStream). */
function toPosition(lineCounter: LineCounter, offset: number | undefined, lineOffset = 0): EntityPosition {
  if (offset === undefined) return { line: FILE_START.line + lineOffset, column: FILE_START.column };
  const { line, col } = lineCounter.linePos(offset);
  return { line: line + lineOffset, column: col };
}

function makeError(file: string, position: EntityPosition, message: string, code: DescriptorErrorCode): DescriptorError {
  return { file, line: position.line, column: position.column, code, message: `${message} at ${file}:${position.line}:${position.column}` };
}

/** `file:line:col: message`, without repeating the location the message ends with. */
export function formatDescriptorError(error: DescriptorError): string {
  const location = `${error.file}:${error.line}:${error.column}`;
  const suffix = ` at ${location}`;
  const message = error.message.endsWith(suffix) ? error.message.slice(0, -suffix.length) : error.message;
  return `${location}: ${message}`;
}

function isEmptyDocument(doc: Document): boolean {
  const contents = doc.contents;
  return contents === null || (isScalar(contents) && contents.value === null);
}

/**
 * Finds the node for a path. For a missing key, answers the key of the deepest existing
 * pair (e.g. `spec:` when spec.owner is missing), which is where an author would add it.
 */
function nodeOffsetForPath(doc: Document, path: DocumentPath): number | undefined {
  let node: unknown = doc.contents;
  let fallback: number | undefined = (node as Node | null)?.range?.[0];
  for (const segment of path) {
    if (isAlias(node)) node = node.resolve(doc);
    if (isMap(node)) {
      const pair = node.items.find((p) => isScalar(p.key) && String(p.key.value) === String(segment));
      if (!pair) return fallback;
      const keyOffset = (pair.key as Node).range?.[0];
      const value = pair.value as Node | null;
      // `key:` with no value has no range worth pointing at; use the key.
      node = value && value.range && !(isScalar(value) && value.value === null) ? value : undefined;
      if (node === undefined) return keyOffset ?? fallback;
      fallback = keyOffset ?? fallback;
    } else if (isSeq(node) && typeof segment === 'number') {
      const item = node.items[segment] as Node | undefined;
      if (!item?.range) return fallback;
      node = item;
      fallback = item.range[0];
    } else {
      return fallback;
    }
  }
  return (node as Node | undefined)?.range?.[0] ?? fallback;
}

function readRef(value: Record<string, unknown>): string | undefined {
  const metadata = value.metadata as Record<string, unknown> | undefined;
  if (typeof value.kind !== 'string' || typeof metadata?.name !== 'string' || !metadata.name) return undefined;
  const namespace = typeof metadata.namespace === 'string' && metadata.namespace ? metadata.namespace : undefined;
  return stringifyEntityRef({ kind: findKnownKind(value.kind) ?? value.kind, namespace, name: metadata.name });
}

function describeType(value: unknown): string {
  if (Array.isArray(value)) return 'a list';
  if (value === null) return 'null';
  return `a ${typeof value}`;
}

function parseDocumentEntity(
  text: string,
  doc: Document,
  index: number,
  file: string,
  lineCounter: LineCounter,
  limits: ParseLimits,
  lineOffset: number,
): ParsedDocument {
  const position = toPosition(lineCounter, doc.contents?.range?.[0], lineOffset);
  const positionOf = (path: DocumentPath) => toPosition(lineCounter, nodeOffsetForPath(doc, path), lineOffset);
  const source = text.slice(doc.contents?.range?.[0] ?? 0, doc.range?.[2] ?? text.length).trimEnd() + '\n';
  const result: ParsedDocument = { index, position, source, errors: [], relations: [], positionOf };
  const fail = (failure: Omit<YamlFailure, 'code'> & { code: DescriptorErrorCode }) =>
    result.errors.push(makeError(file, toPosition(lineCounter, failure.offset, lineOffset), failure.message, failure.code));
  const located = (issues: ValidationIssue[], code: DescriptorErrorCode) => {
    for (const issue of issues) result.errors.push(makeError(file, positionOf(issue.path), issue.message, code));
  };

  if (doc.errors.length > 0) {
    // A stack overflow in the parser repeats as it unwinds; one report is enough.
    const failures = doc.errors.map((error) => yamlErrorToFailure(error, limits));
    const tooDeep = failures.find((f) => f.code === 'too-deep');
    for (const failure of tooDeep ? [tooDeep] : failures) fail(failure);
    return result;
  }
  const converted = documentToValue(doc, limits);
  if ('failure' in converted) {
    fail(converted.failure);
    return result;
  }
  const value = converted.value;
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    fail({
      code: 'not-a-mapping',
      message: `document must be a YAML mapping with apiVersion, kind, metadata and spec, but is ${describeType(value)}`,
      offset: doc.contents?.range?.[0],
    });
    return result;
  }
  const record = value as Record<string, unknown>;
  result.ref = readRef(record);
  const issues = validateEntity(record);
  if (!isValidEntity(record, issues)) {
    located(issues, 'invalid-entity');
    return result;
  }
  const entity = record;
  const { relations, problems } = deriveRelations(entity);
  if (problems.length > 0) {
    located(problems, 'invalid-relation');
    return result;
  }
  result.entity = entity;
  result.relations = relations;
  return result;
}

/**
 * Parses and validates every document of a descriptor file. Never throws for bad input:
 * file-level limit failures return no documents; document failures stay in that document.
 */
export function parseDescriptorFile(text: string, file: string, limits?: Partial<ParseLimits>): ParseDescriptorResult {
  const result: ParseDescriptorResult = { documents: [], errors: [] };
  for (const piece of parseDescriptorStream(text, file, limits)) {
    result.documents.push(...piece.documents);
    result.errors.push(...piece.errors);
  }
  return result;
}

/** Documents parsed together: bounds what parsing holds at once, whatever the file's size. */
const PIECE_DOCUMENTS = 100;
const MARKER_LINE = /^---(?=[ \t\r\n]|$)/gm;
const HAS_CONTENT = /^[ \t]*[^\s#]/m;
/** Directives and `...` document ends tie a document to the text before its `---`: no cutting there. */
const UNCUTTABLE = /^%|^\.\.\.(?:\s|$)/m;

/**
 * parseDescriptorFile piece by piece, for large files (a whole catalog in one file): the file is cut
 * at `---` lines (a `---` at the start of a line always ends a YAML document, even inside a block
 * scalar) into pieces of PIECE_DOCUMENTS documents, each parsed on its own, so the caller holds one
 * piece's documents at a time. Positions, messages and document indexes are those of the whole file.
 * The limits are checked on the whole file first: a file over them yields only that error.
 */
export function* parseDescriptorStream(text: string, file: string, limits?: Partial<ParseLimits>): Generator<ParseDescriptorResult> {
  const resolved = resolveParseLimits(limits);
  const size = checkSize(text, resolved);
  if (size) {
    yield { documents: [], errors: [makeError(file, FILE_START, size.message, size.code)] };
    return;
  }
  if (UNCUTTABLE.test(text)) {
    yield parseDescriptorPiece(text, file, resolved, 0);
    return;
  }
  const markers = [...text.matchAll(MARKER_LINE)].map((m) => m.index);
  const preamble = HAS_CONTENT.test(text.slice(0, markers[0] ?? text.length));
  // Documents as yaml counts them: content before the first `---` is one, every `---` starts one.
  let counted = preamble ? 1 : 0;
  let firstOver: number | undefined;
  markers.forEach((at, i) => {
    if (!HAS_CONTENT.test(text.slice(at + 3, markers[i + 1] ?? text.length))) return;
    if (++counted === resolved.maxDocuments + 1) firstOver = at;
  });
  if (firstOver !== undefined) {
    const message = `file has ${counted} YAML documents; the limit is ${resolved.maxDocuments}, so split it into several files`;
    yield {
      documents: [],
      errors: [makeError(file, { line: lineCount(text, 0, firstOver) + 1, column: 1 }, message, 'too-many-documents')],
    };
    return;
  }
  let start = 0;
  let lines = 0;
  for (let i = PIECE_DOCUMENTS; ; i += PIECE_DOCUMENTS) {
    const end = markers[i] ?? text.length;
    // The piece starting at marker i - PIECE_DOCUMENTS: the yaml index of its first document.
    const indexOffset = start === 0 ? 0 : i - PIECE_DOCUMENTS + (preamble ? 1 : 0);
    const piece = parseDescriptorPiece(text.slice(start, end), file, resolved, lines, indexOffset);
    yield piece;
    if (end === text.length) return;
    lines += lineCount(text, start, end);
    start = end;
  }
}

function lineCount(text: string, from: number, to: number): number {
  let n = 0;
  for (let i = text.indexOf('\n', from); i !== -1 && i < to; i = text.indexOf('\n', i + 1)) n++;
  return n;
}

function parseDescriptorPiece(text: string, file: string, limits: ParseLimits, lineOffset: number, indexOffset = 0): ParseDescriptorResult {
  const fast = parsePlainDescriptorFile(text, file, limits, lineOffset);
  const result = fast ? { documents: fast, errors: [] } : parseFullDescriptorFile(text, file, limits, lineOffset);
  if (indexOffset) for (const doc of result.documents) doc.index += indexOffset;
  return result;
}

/** The full path alone: every node positioned (the fast path must agree with it on valid files). */
export function parseFullDescriptorFile(text: string, file: string, resolved: ParseLimits, lineOffset = 0): ParseDescriptorResult {
  const lineCounter = new LineCounter();
  const stream = parseAllDocuments(text, { lineCounter, prettyErrors: true });
  // parseAllDocuments returns an EmptyStream (not an array of documents) for empty input.
  const all = Array.isArray(stream) ? stream : [];
  const nonEmpty = all.map((doc, index) => ({ doc, index })).filter(({ doc }) => !isEmptyDocument(doc) || doc.errors.length > 0);

  if (nonEmpty.length > resolved.maxDocuments) {
    const first = nonEmpty[resolved.maxDocuments].doc;
    const position = toPosition(lineCounter, first.range?.[0], lineOffset);
    const message = `file has ${nonEmpty.length} YAML documents; the limit is ${resolved.maxDocuments}, so split it into several files`;
    return { documents: [], errors: [makeError(file, position, message, 'too-many-documents')] };
  }

  const documents = nonEmpty.map(({ doc, index }) => parseDocumentEntity(text, doc, index, file, lineCounter, resolved, lineOffset));
  return { documents, errors: documents.flatMap((d) => d.errors) };
}

// The fast path. Almost every descriptor is plain YAML (no anchors, tags or directives) whose
// documents are all valid entities; js-yaml reads those about ten times faster than yaml's document
// API, which keeps every node's position (plain-yaml.ts resolves scalars as yaml does). The fast
// result is used only when the whole file is plain and valid; anything else (a syntax error, an
// invalid entity, an anchor, a tag, a null key) goes through the full path above, which locates
// every error. Positions inside a valid document (asked for by later checks, e.g. a duplicate ref)
// come from the full path, parsed on first use.

/** What the fast path leaves to the full one: CRLF line ends, a byte-order mark, directives, `...`
 * document ends, content after `---`, anchors (alias limits), tags, complex and null keys. Blanks
 * before a key are matched once (`[ \t-]*`, not again by a `[ \t]*` after it): two runs that can
 * share a line's blanks took time in the square of its length. */
const NOT_PLAIN =
  /[\r\uFEFF]|^%|^\.\.\.(?:\s|$)|^---[ \t]+[^#\s]|(?:^|[\s[{,:-])[&!]\S|^[ \t-]*(?:\?(?:\s|$)|[[{]|(?:(?:null|Null|NULL|~)[ \t]*)?:(?:\s|$))/m;
const MARKER = /^---(?=\s|$)/;
const BLANK_OR_COMMENT = /^\s*(?:#.*)?$/;

function parsePlainDescriptorFile(text: string, file: string, limits: ParseLimits, lineOffset: number): ParsedDocument[] | null {
  if (NOT_PLAIN.test(text)) return null;
  const lines = text.split('\n');
  // Documents as yaml numbers them: every `---` starts one, and content before the first is one.
  const chunks: { index: number; start: number; end: number }[] = [];
  let start = 0;
  let opened = false;
  lines.forEach((line, i) => {
    if (!MARKER.test(line)) return void (opened ||= !BLANK_OR_COMMENT.test(line));
    if (opened) chunks.push({ index: chunks.length, start, end: i });
    start = i + 1;
    opened = true;
  });
  if (opened) chunks.push({ index: chunks.length, start, end: lines.length });

  let full: ParseDescriptorResult | undefined;
  const documents: ParsedDocument[] = [];
  for (const chunk of chunks) {
    let first = chunk.start;
    while (first < chunk.end && BLANK_OR_COMMENT.test(lines[first])) first++;
    if (first === chunk.end) continue;
    const indent = lines[first].search(/\S/);
    const yaml = lines.slice(first, chunk.end).join('\n');
    let value: unknown;
    try {
      value = loadPlainYaml(yaml);
    } catch {
      return null;
    }
    if (value === null || value === undefined) continue;
    if (typeof value !== 'object' || Array.isArray(value) || exceedsDepth(value, limits)) return null;
    if (documents.length === limits.maxDocuments) return null;
    const record = value as Record<string, unknown>;
    if (!isValidEntity(record)) return null;
    const entity = record;
    const { relations, problems } = deriveRelations(entity);
    if (problems.length > 0) return null;
    const position = { line: first + 1 + lineOffset, column: indent + 1 };
    const source = yaml.slice(indent).trimEnd() + '\n';
    const positionOf = (path: DocumentPath) => {
      full ??= parseFullDescriptorFile(text, file, limits, lineOffset);
      return full.documents.find((d) => d.position.line === position.line)?.positionOf(path) ?? position;
    };
    documents.push({ index: chunk.index, position, source, entity, ref: readRef(record), relations, errors: [], positionOf });
  }
  return documents;
}
