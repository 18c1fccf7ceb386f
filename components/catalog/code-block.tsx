import { createHighlighterCore, type HighlighterCore } from 'shiki/core';
import { createJavaScriptRegexEngine } from 'shiki/engine/javascript';

// Server-side syntax highlighting (shiki, JavaScript regex engine: no WASM to bundle). The output
// carries both themes; the wrapper switches to the dark one with the system's colour scheme.

export type CodeLanguage = 'yaml' | 'json' | 'graphql' | 'proto' | 'text';

const MAX_HIGHLIGHT_CHARS = 300_000;
/**
 * Longer lines are shown without colours. Grammars take time in the square of a line's length on
 * some lines (YAML: blanks before a word, 3,000 of them 94 ms), so 300 KB of such lines of 2,000
 * characters took 5.9 s at each view of an entity's YAML tab. With lines of at most 300, the worst
 * 300 KB found (lines of 290 blanks and a word) takes 0.7 s.
 */
const MAX_HIGHLIGHT_LINE = 300;

const store = globalThis as unknown as { wayfinderHighlighter?: Promise<HighlighterCore> };

function highlighter(): Promise<HighlighterCore> {
  store.wayfinderHighlighter ??= createHighlighterCore({
    engine: createJavaScriptRegexEngine(),
    themes: [import('shiki/dist/themes/github-light.mjs'), import('shiki/dist/themes/github-dark-default.mjs')],
    langs: [
      import('shiki/dist/langs/yaml.mjs'),
      import('shiki/dist/langs/json.mjs'),
      import('shiki/dist/langs/graphql.mjs'),
      import('shiki/dist/langs/proto.mjs'),
    ],
  });
  return store.wayfinderHighlighter;
}

const FRAME =
  'overflow-auto rounded-md border border-slate-200 text-[13px] leading-relaxed dark:border-slate-800 [&_pre]:p-4 [&_pre]:font-mono [&_pre]:min-w-fit ' +
  'dark:[&_pre]:bg-(--shiki-dark-bg)! dark:[&_span]:text-(--shiki-dark)!';

export async function CodeBlock({ code, lang, maxHeight = '70vh' }: { code: string; lang: CodeLanguage; maxHeight?: string }) {
  if (lang === 'text' || code.length > MAX_HIGHLIGHT_CHARS) {
    return (
      <pre
        className="overflow-auto rounded-md border border-slate-200 bg-white p-4 font-mono text-[13px] leading-relaxed dark:border-slate-800 dark:bg-slate-950"
        style={{ maxHeight }}
      >
        {code}
      </pre>
    );
  }
  const html = (await highlighter()).codeToHtml(code, {
    lang,
    themes: { light: 'github-light', dark: 'github-dark-default' },
    tokenizeMaxLineLength: MAX_HIGHLIGHT_LINE,
  });
  // Shiki escapes the code it renders; the HTML holds only its own spans.
  return <div className={FRAME} style={{ maxHeight }} dangerouslySetInnerHTML={{ __html: html }} />;
}
