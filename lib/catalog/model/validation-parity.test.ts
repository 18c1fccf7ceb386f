import { makeValidator } from '@backstage/catalog-model';
import { describe, expect, it } from 'vitest';
import {
  isValidDnsLabel,
  isValidKind,
  isValidLabelOrAnnotationKey,
  isValidLabelValue,
  isValidNamespace,
  isValidObjectName,
  isValidTag,
} from './validation';

// Descriptors written for Backstage must be accepted and refused exactly as Backstage's catalog does:
// every rule against @backstage/catalog-model's own validators, over every string of up to four
// characters from an alphabet of each class of character the rules tell apart, and the edges of length.

const ALPHABET = ['a', 'Z', '0', '-', '_', '.', ':', '+', '#', '/', ' ', 'é'];
function* strings(maxLength: number): Generator<string> {
  let level = [''];
  for (let n = 1; n <= maxLength; n++) {
    level = level.flatMap((s) => ALPHABET.map((c) => s + c));
    yield* level;
  }
}
const EDGES = [
  '',
  'a'.repeat(63),
  'a'.repeat(64),
  `${'a'.repeat(62)}-`,
  `x/${'a'.repeat(63)}`,
  `${'a.'.repeat(126)}a/b`,
  `${'a.'.repeat(127)}a/b`,
];
const CORPUS = [...strings(4), ...EDGES];

const backstage = makeValidator();
const RULES: [string, (v: string) => boolean, (v: string) => boolean][] = [
  ['metadata.name', isValidObjectName, backstage.isValidEntityName],
  ['metadata.namespace', isValidNamespace, backstage.isValidNamespace],
  ['kind', isValidKind, backstage.isValidKind],
  ['label keys', isValidLabelOrAnnotationKey, backstage.isValidLabelKey],
  ['annotation keys', isValidLabelOrAnnotationKey, backstage.isValidAnnotationKey],
  ['label values', isValidLabelValue, backstage.isValidLabelValue],
  ['tags', isValidTag, backstage.isValidTag],
];

describe('the envelope rules are Backstage’s', () => {
  it.each(RULES)('%s', (_, ours, theirs) => {
    const differ = CORPUS.filter((v) => ours(v) !== theirs(v)).map(
      (v) => `${JSON.stringify(v)}: Backstage ${theirs(v) ? 'accepts' : 'refuses'}`,
    );
    expect(differ.slice(0, 10)).toEqual([]);
  });

  it('DNS labels (a key’s prefix) as Backstage’s namespaces', () => {
    expect(CORPUS.filter((v) => isValidDnsLabel(v) !== backstage.isValidNamespace(v))).toEqual([]);
  });
});
