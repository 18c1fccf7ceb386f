import { isMap, isNode, isScalar, isSeq, parseAllDocuments, type Document, type Node, type ToStringOptions } from 'yaml';
import { AppError } from '@/lib/errors';
import { findKnownKind, stringifyEntityRef, type EntityLink } from '@/lib/catalog/model';
import { carryEdit } from './line-merge';

// Edits the well-known fields of one entity inside a descriptor file through the yaml Document API
// (setIn/deleteIn on that document's nodes), so comments, key order, quoting and the other
// documents of the file survive: a pull request then shows exactly the lines the user changed.
// Pure: no I/O. Validation of the result is the caller's (parseDescriptorFile).

/** Fields a team lead may edit. `undefined` leaves a field alone; `null`/'' / [] remove it. */
export type EntityPatch = {
  owner?: string;
  system?: string | null;
  lifecycle?: string;
  description?: string | null;
  tags?: string[];
  links?: EntityLink[];
};

export type EditableField = keyof EntityPatch;

export type FieldChange = { field: EditableField; before: unknown; after: unknown };

export type EntityEditResult = {
  /** The whole file, with only the target document rewritten. */
  text: string;
  documentIndex: number;
  /** Only fields whose value really changes; empty when the patch changes nothing. */
  changes: FieldChange[];
};

const FIELD_PATHS: Record<EditableField, readonly string[]> = {
  owner: ['spec', 'owner'],
  system: ['spec', 'system'],
  lifecycle: ['spec', 'lifecycle'],
  description: ['metadata', 'description'],
  tags: ['metadata', 'tags'],
  links: ['metadata', 'links'],
};

const FIELD_ORDER: EditableField[] = ['owner', 'system', 'lifecycle', 'description', 'tags', 'links'];

/** The ref a document describes, or null when it does not name an entity. */
function refOfDocument(doc: Document): string | null {
  const kind = doc.getIn(['kind']);
  const name = doc.getIn(['metadata', 'name']);
  const namespace = doc.getIn(['metadata', 'namespace']);
  if (typeof kind !== 'string' || typeof name !== 'string' || !name) return null;
  return stringifyEntityRef({
    kind: findKnownKind(kind) ?? kind,
    namespace: typeof namespace === 'string' && namespace ? namespace : undefined,
    name,
  });
}

const isEmpty = (v: unknown) => v === undefined || v === null || v === '' || (Array.isArray(v) && v.length === 0);

function normalise(field: EditableField, value: unknown): unknown {
  if (isEmpty(value)) return undefined;
  if (field === 'links')
    return (value as EntityLink[]).map((l) => Object.fromEntries(Object.entries(l).filter(([, v]) => v !== undefined && v !== '')));
  return value;
}

function current(doc: Document, field: EditableField): unknown {
  const node = doc.getIn(FIELD_PATHS[field], true);
  if (node === undefined || node === null) return undefined;
  return isScalar(node) ? (node.value ?? undefined) : (node as { toJSON(): unknown }).toJSON();
}

// Writers differ in how they indent lists and pad flow collections; render with the options that
// reproduce the document as written, so only the edited lines differ.
const FORMAT_CANDIDATES: ToStringOptions[] = [true, false].flatMap((indentSeq) =>
  [2, 4, 3].flatMap((indent) => [true, false].map((flowCollectionPadding) => ({ indentSeq, indent, flowCollectionPadding, lineWidth: 0 }))),
);

/**
 * The line without its trailing comment: what `l.replace(/\s+#.*$/, '')` leaves, found in time
 * linear in the line (that regex tried each blank of a run in turn, and took 18 s on a line of
 * 200 KB of spaces). `.` stops at a line terminator, so the comment's `#` comes after the last one.
 */
function withoutTrailingComment(line: string): string {
  const from = Math.max(line.lastIndexOf('\r'), line.lastIndexOf('\u2028'), line.lastIndexOf('\u2029')) + 1;
  const blank = (i: number) => i >= 0 && /\s/.test(line[i]);
  for (let hash = line.indexOf('#', from); hash !== -1; hash = line.indexOf('#', hash + 1)) {
    if (!blank(hash - 1)) continue;
    let start = hash - 1;
    while (blank(start - 1)) start--;
    return line.slice(0, start);
  }
  return line;
}

function formatOf(doc: Document, original: string): ToStringOptions {
  // Spacing before a trailing comment is not an option of the renderer: compare without it.
  const strip = withoutTrailingComment;
  const lines = original.split('\n');
  const stripped = lines.map(strip);
  let best = FORMAT_CANDIDATES[0];
  let bestScore = Infinity;
  for (const options of FORMAT_CANDIDATES) {
    const rendered = doc.toString(options).split('\n');
    if (rendered.length !== lines.length) continue;
    const exact = rendered.filter((l, i) => l !== lines[i]).length;
    if (exact === 0) return options;
    const score = rendered.filter((l, i) => strip(l) !== stripped[i]).length * 10_000 + exact;
    if (score < bestScore) [best, bestScore] = [options, score];
  }
  return best;
}

/** True when every list in the document is a flow list (`[a, b]`): a new list should match. */
function prefersFlow(doc: Document, path: readonly string[]): boolean {
  const existing = doc.getIn(path, true);
  return isSeq(existing) && existing.flow === true;
}

/** The document of the entity chosen by `target`, or AppError UNPROCESSABLE saying why it cannot be edited. */
function editableDocument(descriptorText: string, target: number | string) {
  const docs = parseAllDocuments(descriptorText);
  if (!Array.isArray(docs) || docs.length === 0) throw new AppError('UNPROCESSABLE', 'the descriptor file has no YAML documents');
  const index = typeof target === 'number' ? target : docs.findIndex((d) => refOfDocument(d) === target.toLowerCase());
  const doc = docs[index];
  if (!doc)
    throw new AppError(
      'UNPROCESSABLE',
      typeof target === 'number' ? `the descriptor file has no document ${target}` : `${target} is not described in this file any more`,
    );
  if (doc.errors.length)
    throw new AppError('UNPROCESSABLE', `the descriptor cannot be edited until its YAML is fixed: ${doc.errors[0].message}`);
  if (!isMap(doc.contents)) throw new AppError('UNPROCESSABLE', 'the descriptor document is not a YAML mapping');
  return { docs, index, doc };
}

/** The entity's spec.owner as its descriptor writes it now (undefined when it names none). */
export function ownerInDescriptor(descriptorText: string, target: number | string): unknown {
  return editableDocument(descriptorText, target).doc.getIn(FIELD_PATHS.owner);
}

/**
 * Applies `patch` to the entity chosen by `target` (0-based document index, or the entity's ref)
 * in a possibly multi-document descriptor. Throws AppError UNPROCESSABLE when the file cannot be
 * parsed or the entity is not in it.
 */
export function applyEntityEdit(descriptorText: string, target: number | string, patch: EntityPatch): EntityEditResult {
  const { docs, index, doc } = editableDocument(descriptorText, target);

  // Each document's text as written, so untouched documents are copied byte for byte.
  const starts = docs.map((_, i) => (i === 0 ? 0 : docs[i - 1].range[2]));
  const segment = descriptorText.slice(starts[index], doc.range[2]);
  const format = formatOf(doc, segment);
  const rendered = doc.toString(format);

  const changes: FieldChange[] = [];
  for (const field of FIELD_ORDER) {
    if (!(field in patch) || patch[field] === undefined) continue;
    const before = current(doc, field);
    const after = normalise(field, patch[field]);
    if (JSON.stringify(before) === JSON.stringify(after)) continue;
    const path = FIELD_PATHS[field];
    if (after === undefined) {
      doc.deleteIn(path);
    } else if (typeof after === 'string') {
      // setIn on an existing scalar keeps its node: quoting style and trailing comment stay.
      doc.setIn(path, after);
    } else {
      const previous = doc.getIn(path, true) as Node | undefined;
      const node = doc.createNode(after, { flow: prefersFlow(doc, path) });
      // The comments around the old list belong to the field, not to its old value.
      if (previous && isNode(previous))
        Object.assign(node, { comment: previous.comment, commentBefore: previous.commentBefore, spaceBefore: previous.spaceBefore });
      doc.setIn(path, node);
    }
    changes.push({ field, before: before ?? null, after: after ?? null });
  }
  if (changes.length === 0) return { text: descriptorText, documentIndex: index, changes };
  const edited = doc.toString(format);
  const text =
    descriptorText.slice(0, starts[index]) + (carryEdit(segment, rendered, edited) ?? edited) + descriptorText.slice(doc.range[2]);
  return { text, documentIndex: index, changes };
}
