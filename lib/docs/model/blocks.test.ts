import { describe, expect, it } from 'vitest';
import { expandBlocks, parseMarker, type BlockOpen } from './blocks';

/** The block a line opens (given an indented body), or null when the line stays text. */
function blockOf(line: string): BlockOpen | null {
  const indent = ' '.repeat(line.length - line.trimStart().length + 4);
  const marker = expandBlocks(`${line}\n${indent}body\n`)
    .text.split('\n')
    .map((l) => parseMarker(l.trim()))
    .find((m): m is BlockOpen => m !== null && m !== 'close');
  return marker ?? null;
}

describe('expandBlocks', () => {
  it('reads a page of colon lines after a paragraph in linear time (def_list)', () => {
    const started = performance.now();
    expandBlocks(`- a\n${': x\n'.repeat(100_000)}`);
    expect(performance.now() - started).toBeLessThan(1_000);
  });

  it('reads a long tag line full of markdown attributes in linear time', () => {
    const started = performance.now();
    expandBlocks(`<div${' markdown'.repeat(50_000)}\n<div${' markdown'.repeat(50_000)}>\n</div>\n`);
    expect(performance.now() - started).toBeLessThan(500);
  });

  it('puts blank lines inside an HTML block marked markdown, so that its Markdown is parsed (md_in_html)', () => {
    const { text, lineMap } = expandBlocks('<div class="grid" markdown>\n- a\n<div>\n</div>\n</div>\nafter');
    expect(text).toBe('<div class="grid" markdown>\n\n- a\n<div>\n</div>\n\n</div>\nafter');
    expect(lineMap).toEqual([1, 1, 2, 3, 4, 5, 5, 6]);
  });

  it('expands an admonition of 150,000 lines (a page may hold 1 MB)', () => {
    const { text } = expandBlocks(`!!! note\n${'    x\n'.repeat(150_000)}after\n`);
    expect(text.split('\n').filter((l) => l === 'x')).toHaveLength(150_000);
  });

  it('turns an admonition into markers around its dedented body, keeping source lines for errors', () => {
    const { text, lineMap } = expandBlocks('intro\n\n!!! note "A *title*"\n    body line\n\n    more\nafter');
    const lines = text.split('\n');
    const open = lines.find((l) => l.startsWith('WFBLOCK:open:'))!;
    expect(parseMarker(open)).toEqual({ kind: 'admonition', type: 'note', open: false, title: 'A *title*' });
    expect(open).not.toMatch(/[*"_ ]/);
    expect(lines).toContain('body line');
    expect(lines).toContain('WFBLOCK:close');
    expect(lineMap[lines.indexOf('more')]).toBe(6);
    expect(lineMap[lines.indexOf('after')]).toBe(7);
  });

  it('reads ??? and ???+ as closed and open details, and === "x" as tabs', () => {
    const markers = expandBlocks('??? warning\n    a\n???+ tip "T"\n    b\n=== "One"\n    c\n')
      .text.split('\n')
      .map(parseMarker)
      .filter((m) => m && m !== 'close');
    expect(markers).toEqual([
      { kind: 'details', type: 'warning', open: false, title: 'Warning' },
      { kind: 'details', type: 'tip', open: true, title: 'T' },
      { kind: 'tab', type: 'tab', open: false, title: 'One' },
    ]);
  });

  it.each<[string, BlockOpen | null]>([
    ['!!! note', { kind: 'admonition', type: 'note', open: false, title: 'Note' }],
    ['!!!note', { kind: 'admonition', type: 'note', open: false, title: 'Note' }],
    ['!!! Warning', { kind: 'admonition', type: 'warning', open: false, title: 'Warning' }],
    ['!!! danger "Don\'t"', { kind: 'admonition', type: 'danger', open: false, title: "Don't" }],
    ['!!! tip inline end "Side note"', { kind: 'admonition', type: 'tip', open: false, title: 'Side note' }],
    ['!!! "Only a title"', { kind: 'admonition', type: 'note', open: false, title: 'Only a title' }],
    ['!!! note ""', { kind: 'admonition', type: 'note', open: false, title: '' }],
    ['  !!! bug\t ', { kind: 'admonition', type: 'bug', open: false, title: 'Bug' }],
    ['??? question "Why?"', { kind: 'details', type: 'question', open: false, title: 'Why?' }],
    ['???+ example', { kind: 'details', type: 'example', open: true, title: 'Example' }],
    ['===+ "Go"', { kind: 'tab', type: 'tab', open: true, title: 'Go' }],
    ['=== Go', null],
    ['!!! note "a" b', null],
    ['!!! note "unclosed', null],
    ['!!!! note', null],
    ['!!! 1st', null],
  ])('reads the block header %j', (line, block) => {
    expect(blockOf(line)).toEqual(block);
  });

  // A line that starts like a header but is not one. The header pattern once had adjacent optional
  // runs of blanks, O(n³) on such a line: 3,000 blanks took 5–15 s, 20,000 about half an hour, on
  // the thread that serves requests. Now it takes well under a millisecond.
  it.each([
    ['!!!, blanks and !', `!!!${' '.repeat(3_000)}!`],
    ['???+, tabs and !', `???+${'\t'.repeat(3_000)}!`],
    ['!!!, blanks and an unclosed "', `!!!${' '.repeat(3_000)}"`],
  ])(
    'leaves a long line of %s as text in linear time',
    (_, line) => {
      const source = `# Page\n\n${line}\n`;
      const started = performance.now();
      const { text } = expandBlocks(source);
      const ms = performance.now() - started;
      expect(text).toBe(source);
      expect(ms, `expandBlocks took ${Math.round(ms)} ms`).toBeLessThan(1_000);
    },
    120_000,
  );
});
