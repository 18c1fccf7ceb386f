import type { Element, ElementContent, Root } from 'hast';
import { createHighlighterCore, type HighlighterCore } from 'shiki/core';
import { createJavaScriptRegexEngine } from 'shiki/engine/javascript';

// Code blocks of docs pages, highlighted on the server with the same Shiki setup as the catalog's
// code views (both themes in the output; CSS picks the dark one). MkDocs fence options are read
// from the info string: `title="app.py"`, `hl_lines="2 4-5"`, or `{2,4-5}`, and `linenums="1"`
// (line numbers from that one on, drawn by CSS so copying the code does not copy them).

const LANGS = {
  bash: () => import('shiki/dist/langs/bash.mjs'),
  css: () => import('shiki/dist/langs/css.mjs'),
  diff: () => import('shiki/dist/langs/diff.mjs'),
  docker: () => import('shiki/dist/langs/docker.mjs'),
  go: () => import('shiki/dist/langs/go.mjs'),
  graphql: () => import('shiki/dist/langs/graphql.mjs'),
  hcl: () => import('shiki/dist/langs/hcl.mjs'),
  html: () => import('shiki/dist/langs/html.mjs'),
  ini: () => import('shiki/dist/langs/ini.mjs'),
  java: () => import('shiki/dist/langs/java.mjs'),
  javascript: () => import('shiki/dist/langs/javascript.mjs'),
  json: () => import('shiki/dist/langs/json.mjs'),
  kotlin: () => import('shiki/dist/langs/kotlin.mjs'),
  proto: () => import('shiki/dist/langs/proto.mjs'),
  python: () => import('shiki/dist/langs/python.mjs'),
  rust: () => import('shiki/dist/langs/rust.mjs'),
  sql: () => import('shiki/dist/langs/sql.mjs'),
  terraform: () => import('shiki/dist/langs/terraform.mjs'),
  toml: () => import('shiki/dist/langs/toml.mjs'),
  tsx: () => import('shiki/dist/langs/tsx.mjs'),
  typescript: () => import('shiki/dist/langs/typescript.mjs'),
  xml: () => import('shiki/dist/langs/xml.mjs'),
  yaml: () => import('shiki/dist/langs/yaml.mjs'),
} as const;

type Lang = keyof typeof LANGS;

const ALIASES: Record<string, Lang> = {
  sh: 'bash',
  shell: 'bash',
  console: 'bash',
  zsh: 'bash',
  shellscript: 'bash',
  dockerfile: 'docker',
  golang: 'go',
  js: 'javascript',
  mjs: 'javascript',
  jsx: 'tsx',
  ts: 'typescript',
  py: 'python',
  python3: 'python',
  yml: 'yaml',
  tf: 'terraform',
  protobuf: 'proto',
  gql: 'graphql',
  kt: 'kotlin',
  rs: 'rust',
  postgres: 'sql',
  postgresql: 'sql',
};

const MAX_HIGHLIGHT_CHARS = 200_000;
/**
 * Longer lines are shown without colours. Grammars take time in the square of a line's length on
 * some lines (YAML: blanks before a word), so a 200 KB block of such lines of 2,000 characters took
 * 2.9 s of a docs build; lines of at most 300 bound a block's time by its length.
 */
const MAX_HIGHLIGHT_LINE = 300;
const store = globalThis as unknown as { wayfinderDocsHighlighter?: Promise<HighlighterCore> };

/** The highlighter with `lang` loaded: grammars load on first use (all of them cost ~1 s at start). */
async function highlighter(lang: Lang): Promise<HighlighterCore> {
  store.wayfinderDocsHighlighter ??= createHighlighterCore({
    engine: createJavaScriptRegexEngine(),
    themes: [import('shiki/dist/themes/github-light.mjs'), import('shiki/dist/themes/github-dark-default.mjs')],
    langs: [],
  });
  const h = await store.wayfinderDocsHighlighter;
  if (!h.getLoadedLanguages().includes(lang)) await h.loadLanguage((await LANGS[lang]()).default);
  return h;
}

function resolveLang(lang: string | null | undefined): Lang | null {
  if (!lang) return null;
  const l = lang.toLowerCase();
  return l in LANGS ? (l as Lang) : (ALIASES[l] ?? null);
}

export type FenceOptions = { title: string | null; lines: Set<number>; firstNumber: number | null };

/**
 * The fence's title and highlighted lines (`hl_lines="1 3-5"` or `{1,3-5}`) of a block of
 * `lineCount` lines. Numbers outside the block are ignored and each range only marks where it
 * starts and ends, so the work is linear in the metadata and the block, however many ranges a
 * page lists (filling a Set with every number of every range cost seconds and hundreds of MB).
 */
function parseFenceMeta(meta: string | null | undefined, lineCount: number): FenceOptions {
  const text = meta ?? '';
  const title = /title="([^"]*)"/.exec(text)?.[1] ?? null;
  // pymdownx.highlight's `linenums="<start> [step]"`; a start of 0 shows none.
  const start = Number(/linenums="\s*(\d{1,9})\b/.exec(text)?.[1] ?? 0);
  const spec = /hl_lines="([^"]*)"/.exec(text)?.[1] ?? /\{([\d,\s-]+)\}/.exec(text)?.[1] ?? '';
  // delta[n]: ranges starting at line n minus ranges ending at line n - 1; its running total is
  // how many ranges cover line n.
  const delta = new Int32Array(lineCount + 2);
  for (const part of spec.split(/[\s,]+/).filter(Boolean)) {
    const [a, b] = part.split('-').map(Number);
    if (!Number.isInteger(a)) continue;
    // `a-b` covers at most 10,001 lines, as before (a page renders as it did).
    const start = Math.max(a, 1);
    const end = Math.min(Number.isInteger(b) ? Math.min(b, a + 10_000) : a, lineCount);
    if (start > end) continue;
    delta[start]++;
    delta[end + 1]--;
  }
  const lines = new Set<number>();
  for (let n = 1, open = 0; n <= lineCount; n++) if ((open += delta[n]) > 0) lines.add(n);
  return { title, lines, firstNumber: start > 0 ? start : null };
}

/** A highlighted code block as hast (trusted: Shiki escapes the code it renders). */
export async function highlightCode(code: string, lang: string | null | undefined, meta: string | null | undefined): Promise<Element> {
  const { title, lines, firstNumber } = parseFenceMeta(meta, code.split('\n').length);
  const resolved = resolveLang(lang);
  let pre: ElementContent;
  if (resolved && code.length <= MAX_HIGHLIGHT_CHARS) {
    const root = (await highlighter(resolved)).codeToHast(code, {
      lang: resolved,
      themes: { light: 'github-light', dark: 'github-dark-default' },
      tokenizeMaxLineLength: MAX_HIGHLIGHT_LINE,
      transformers: [
        {
          line(node, line) {
            if (lines.has(line)) this.addClassToHast(node, 'highlighted');
          },
        },
      ],
    }) as Root;
    pre = root.children[0] as Element;
  } else {
    const codeLines = code.split('\n').map((text, i): ElementContent => ({
      type: 'element',
      tagName: 'span',
      properties: { className: lines.has(i + 1) ? ['line', 'highlighted'] : ['line'] },
      children: [{ type: 'text', value: text }],
    }));
    const joined: ElementContent[] = codeLines.flatMap((l, i) => (i ? [{ type: 'text', value: '\n' } as ElementContent, l] : [l]));
    pre = {
      type: 'element',
      tagName: 'pre',
      properties: { className: ['shiki', 'plain'] },
      children: [{ type: 'element', tagName: 'code', properties: {}, children: joined }],
    };
  }
  if (firstNumber !== null && pre.type === 'element') {
    const p = pre.properties;
    if (typeof p.class === 'string') p.class = `${p.class} linenums`;
    else p.className = [...((p.className as string[] | undefined) ?? []), 'linenums'];
    p.style = `${p.style ? String(p.style).replace(/;?$/, ';') : ''}counter-reset:wf-line ${firstNumber - 1}`;
  }
  const children: ElementContent[] = title
    ? [
        {
          type: 'element',
          tagName: 'figcaption',
          properties: { className: ['wf-code-title'] },
          children: [{ type: 'text', value: title }],
        },
        pre,
      ]
    : [pre];
  return { type: 'element', tagName: 'figure', properties: { className: ['wf-code'], dataLang: resolved ?? lang ?? 'text' }, children };
}
