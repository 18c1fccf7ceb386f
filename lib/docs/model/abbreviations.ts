import type { Root } from 'hast';
import { fencedLines } from './fences';
import { wrapTextMatches } from './text-matches';

// Python-Markdown's abbr (on in TechDocs through pymdownx.extra): `*[HTML]: Hyper Text Markup
// Language` on a line of its own defines an abbreviation for the whole page; the line is not shown,
// and each whole-word use of the abbreviation in the page's text (not in code) becomes
// <abbr title="…">. https://python-markdown.github.io/extensions/abbreviations/

const DEFINITION = /^\*\[([^\]\\]+)\][ ]?:[ ]*(.*)$/;
/** A page defines a handful; more would make one pattern of them costly to match. */
const MAX_ABBREVIATIONS = 500;
/** An abbreviation is a few words: a longer term (200,000 characters) made a pattern too large to compile. */
const MAX_TERM = 100;

export type Abbreviations = Map<string, string>;

/** The page without its abbreviation lines (left blank, so lines keep their numbers) and the abbreviations. */
export function takeAbbreviations(source: string): { body: string; abbreviations: Abbreviations } {
  const abbreviations: Abbreviations = new Map();
  if (!source.includes('*[')) return { body: source, abbreviations };
  const fenced = fencedLines();
  const lines = source.split('\n').map((line) => {
    if (fenced(line)) return line;
    const m = DEFINITION.exec(line);
    if (!m || abbreviations.size >= MAX_ABBREVIATIONS || m[1].trim().length > MAX_TERM) return line;
    abbreviations.set(m[1].trim(), m[2].trim());
    return '';
  });
  return { body: lines.join('\n'), abbreviations };
}

const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

export function applyAbbreviations(tree: Root, abbreviations: Abbreviations): void {
  const terms = [...abbreviations.keys()].filter(Boolean).sort((a, b) => b.length - a.length);
  if (!terms.length) return;
  const pattern = new RegExp(`\\b(?:${terms.map(escape).join('|')})\\b`, 'g');
  wrapTextMatches(tree, pattern, /^(?:pre|code|abbr|script|style)$/, (m) => ({
    type: 'element',
    tagName: 'abbr',
    properties: { title: abbreviations.get(m[0]) ?? '' },
    children: [{ type: 'text', value: m[0] }],
  }));
}
