import type { Root } from 'hast';
import names from './emoji-names.json';
import { wrapTextMatches } from './text-matches';

// pymdownx.emoji, which TechDocs turns on with its default index, EmojiOne's names: `:thumbsup:`,
// `:whale:`. A known name becomes its character (TechDocs draws an image of it from a CDN; the
// character loads nothing); an unknown one stays as written, as there (Material's icon names,
// `:material-check:`, are not in that index). emoji-names.json: name → code points, from
// pymdown-extensions 9.5's emoji1_db (names and aliases).

const CODES = names as Record<string, string>;
const SHORTCODE = /:([+\-\w]+):/g;

export function applyEmoji(tree: Root): void {
  wrapTextMatches(tree, SHORTCODE, /^(?:pre|code|kbd|script|style)$/, (m) => {
    const code = Object.hasOwn(CODES, m[1]) ? CODES[m[1]] : null;
    if (!code) return null;
    const char = String.fromCodePoint(...code.split('-').map((c) => parseInt(c, 16)));
    return { type: 'element', tagName: 'span', properties: { title: m[0] }, children: [{ type: 'text', value: char }] };
  });
}
