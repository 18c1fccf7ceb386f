// Limits for parsing untrusted YAML from repositories (see DESIGN.md "Security model").
// Size and document count bound the work; the alias limit stops "billion laughs" expansion
// (yaml's maxAliasCount, https://eemeli.org/yaml/#tojs-options); the depth limit keeps
// later recursive code (validation, JSON storage) away from stack exhaustion.

import { isCollection, isPair, parseDocument, type Document, type LineCounter, type Node } from 'yaml';

export type ParseLimits = {
  /** Max file size in UTF-8 bytes. */
  maxBytes: number;
  /** Max non-empty YAML documents in one file. */
  maxDocuments: number;
  /** yaml's maxAliasCount for toJS; aliases expanding beyond this are an error. */
  maxAliasCount: number;
  /** Max nesting of mappings/sequences; the top-level mapping is depth 1. */
  maxDepth: number;
};

export const DEFAULT_PARSE_LIMITS: ParseLimits = {
  maxBytes: 1024 * 1024,
  maxDocuments: 1000,
  maxAliasCount: 100,
  maxDepth: 64,
};

export function resolveParseLimits(limits?: Partial<ParseLimits>): ParseLimits {
  return { ...DEFAULT_PARSE_LIMITS, ...limits };
}

/** Codes of limit and YAML failures; parse-descriptor adds entity-level codes. */
export type YamlFailureCode = 'too-large' | 'too-many-documents' | 'yaml-syntax' | 'yaml-aliases' | 'too-deep';

export type YamlFailure = {
  code: YamlFailureCode;
  message: string;
  /** Character offset in the source, when known. */
  offset?: number;
};

function utf8ByteLength(text: string): number {
  return new TextEncoder().encode(text).length;
}

export function formatBytes(bytes: number): string {
  if (bytes >= 1024 * 1024) return `${+(bytes / (1024 * 1024)).toFixed(2)} MiB`;
  if (bytes >= 1024) return `${+(bytes / 1024).toFixed(2)} KiB`;
  return `${bytes} bytes`;
}

export function checkSize(text: string, limits: ParseLimits): YamlFailure | undefined {
  // A string longer than the limit in UTF-16 units is too large whatever its encoding,
  // so huge inputs are rejected without encoding them.
  const bytes = text.length > limits.maxBytes ? text.length : utf8ByteLength(text);
  if (bytes <= limits.maxBytes) return undefined;
  return {
    code: 'too-large',
    message: `file is ${formatBytes(bytes)} (${bytes} bytes); the limit is ${formatBytes(limits.maxBytes)} (${limits.maxBytes} bytes)`,
    offset: 0,
  };
}

export function tooDeep(limits: ParseLimits): string {
  return `YAML is nested more than ${limits.maxDepth} levels deep; flatten the structure`;
}

/** First collection node nested deeper than maxDepth (aliases count as leaves here). */
function findTooDeepNode(node: unknown, maxDepth: number, depth: number): Node | undefined {
  if (!isCollection(node)) return undefined;
  if (depth + 1 > maxDepth) return node;
  for (const item of node.items) {
    const children = isPair(item) ? [item.key, item.value] : [item];
    for (const child of children) {
      const hit = findTooDeepNode(child, maxDepth, depth + 1);
      if (hit) return hit;
    }
  }
  return undefined;
}

/** Height of a plain JS value; memoised so values shared through aliases are visited once. */
function valueHeight(value: unknown, memo: WeakMap<object, number>): number {
  if (typeof value !== 'object' || value === null) return 0;
  const known = memo.get(value);
  if (known !== undefined) return known;
  let max = 0;
  for (const child of Object.values(value)) max = Math.max(max, valueHeight(child, memo));
  memo.set(value, max + 1);
  return max + 1;
}

/** True when a plain JS value (e.g. parsed JSON) nests deeper than the limit. */
export function exceedsDepth(value: unknown, limits: ParseLimits): boolean {
  return valueHeight(value, new WeakMap()) > limits.maxDepth;
}

/**
 * Converts a parsed YAML document to plain JS under the limits. The node depth is checked
 * before toJS (so toJS never recurses deeply), and the value depth after, because an alias
 * can place a deep anchored subtree under another deep node.
 */
export function documentToValue(doc: Document, limits: ParseLimits): { value: unknown } | { failure: YamlFailure } {
  const deepNode = findTooDeepNode(doc.contents, limits.maxDepth, 0);
  if (deepNode) return { failure: { code: 'too-deep', message: tooDeep(limits), offset: deepNode.range?.[0] } };
  let value: unknown;
  try {
    value = doc.toJS({ maxAliasCount: limits.maxAliasCount });
  } catch (error) {
    const message = (error as Error).message;
    if (/alias count/i.test(message)) {
      return {
        failure: {
          code: 'yaml-aliases',
          message: `YAML aliases expand beyond the limit of ${limits.maxAliasCount} (possible alias bomb); use fewer anchors and aliases`,
          offset: doc.contents?.range?.[0],
        },
      };
    }
    return { failure: { code: 'yaml-syntax', message, offset: doc.contents?.range?.[0] } };
  }
  if (exceedsDepth(value, limits)) {
    return { failure: { code: 'too-deep', message: tooDeep(limits), offset: doc.contents?.range?.[0] } };
  }
  return { value };
}

/** yaml's error text is "<what> at line L, column C:\n\n<code frame>"; keep only <what>. */
export function shortYamlMessage(message: string): string {
  const first = message.split('\n')[0];
  return first.replace(/ at line \d+, column \d+:?$/, '');
}

/** Maps a yaml parser error to a failure; stack exhaustion in the parser means too deep. */
export function yamlErrorToFailure(error: { code: string; message: string; pos: [number, number] }, limits: ParseLimits): YamlFailure {
  if (error.code === 'RESOURCE_EXHAUSTION') {
    return { code: 'too-deep', message: tooDeep(limits), offset: error.pos[0] };
  }
  return { code: 'yaml-syntax', message: `invalid YAML: ${shortYamlMessage(error.message)}`, offset: error.pos[0] };
}

/**
 * Parses one YAML value (e.g. a `$yaml` substitution) under the same limits as descriptors.
 * Returns a failure with 1-based line/column instead of throwing.
 */
export function parseYamlWithLimits(
  text: string,
  limits: ParseLimits,
  lineCounter?: LineCounter,
): { value: unknown } | { failure: YamlFailure } {
  const size = checkSize(text, limits);
  if (size) return { failure: size };
  let doc: Document;
  try {
    doc = parseDocument(text, { lineCounter, prettyErrors: true });
  } catch (error) {
    return { failure: { code: 'yaml-syntax', message: `invalid YAML: ${(error as Error).message}` } };
  }
  if (doc.errors.length > 0) return { failure: yamlErrorToFailure(doc.errors[0], limits) };
  return documentToValue(doc, limits);
}
