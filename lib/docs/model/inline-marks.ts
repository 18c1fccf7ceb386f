import type { Root } from 'hast';
import { wrapTextMatches } from './text-matches';

// pymdownx caret, mark and tilde (on in TechDocs): `^^inserted^^`, `==marked==`, `^super^` and
// `~sub~` (`~~deleted~~` is GFM's strikethrough, which reads a single `~` as one too: the
// renderer turns that off so `H~2~O` is a subscript, as in TechDocs). Sub- and superscripts hold
// no blanks, as in pymdownx (which asks for escaped ones). Only within one run of text, not code.
// https://facelessuser.github.io/pymdown-extensions/extensions/caret/

// Inserted and marked text is at most 500 characters: unbounded, each of a line's many openers
// (` ^^a ^^b …` with no closer) would read to the line's end, in time that grows with its square.
const MARKS = /\^\^(?=\S)(.{1,500}?)(?<=\S)\^\^|==(?=\S)(.{1,500}?)(?<=\S)==|\^([^\s^]+)\^|~([^\s~]+)~/g;
const TAGS = ['ins', 'mark', 'sup', 'sub'] as const;

export function applyInlineMarks(tree: Root): void {
  wrapTextMatches(tree, MARKS, /^(?:pre|code|kbd|script|style)$/, (m) => {
    const i = [m[1], m[2], m[3], m[4]].findIndex((g) => g !== undefined);
    return { type: 'element', tagName: TAGS[i], properties: {}, children: [{ type: 'text', value: m[i + 1] }] };
  });
}
