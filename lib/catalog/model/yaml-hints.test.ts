import { parseDocument } from 'yaml';
import { describe, expect, it } from 'vitest';
import { yamlHint } from './yaml-hints';

// Each mistake as a person makes it, through the real parser: the hint must match yaml's message.
const first = (text: string) => parseDocument(text).errors[0]?.message ?? '';

describe('yamlHint', () => {
  it.each([
    ['a colon in a value', 'metadata:\n  description: Note: this breaks\n', /Put the value in quotes/],
    ['a tab as indentation', 'metadata:\n\tname: x\n', /only spaces/],
    ['a key twice', 'a: 1\na: 2\n', /same key appears twice/],
    ['an unclosed quote', 'a: "abc\n', /never closed/],
    ['an unclosed flow list', 'tags: [a, b\n', /not closed/],
    ['a reserved first character', 'a: @foo\n', /quotes/],
    ['a key without a colon', 'metadata:\n  name x\n  title: y\n', /colon/],
    ['a list item out of line', 'spec:\n  owner: x\n  - y\n', /list item/],
  ])('explains %s', (_, text, hint) => {
    const message = first(text);
    expect(message).not.toBe('');
    expect(yamlHint(message)).toMatch(hint);
  });

  it('gives no hint for messages that are not yaml syntax errors', () => {
    expect(yamlHint('metadata.name "x!" must be letters a-z, A-Z, digits')).toBeNull();
  });
});
