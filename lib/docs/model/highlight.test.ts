import type { Element } from 'hast';
import { describe, expect, it } from 'vitest';
import { highlightCode } from './highlight';

/** Numbers of the lines a rendered block marks as highlighted (Shiki's or the plain rendering). */
function highlightedLines(figure: Element): number[] {
  const pre = figure.children.find((c): c is Element => c.type === 'element' && c.tagName === 'pre')!;
  const classes = (el: Element) => String(el.properties.className ?? el.properties.class ?? '').split(/[\s,]+/);
  const lines = (pre.children[0] as Element).children.filter((c): c is Element => c.type === 'element' && classes(c).includes('line'));
  return lines.flatMap((line, i) => (classes(line).includes('highlighted') ? [i + 1] : []));
}

const block = (lines: number) => Array.from({ length: lines }, (_, i) => `line ${i + 1}`).join('\n');

describe('highlightCode', () => {
  it.each<[string, string | null, number, number[]]>([
    ['hl_lines="2"', null, 3, [2]],
    ['hl_lines="1 3-5"', null, 6, [1, 3, 4, 5]],
    ['{2,4-5}', null, 6, [2, 4, 5]],
    ['title="app.py" hl_lines="2-3, 5"', null, 5, [2, 3, 5]],
    ['hl_lines="1 3"', 'py', 3, [1, 3]],
    // Lines past the end of the block are ignored, and so are ranges that end before they start.
    ['hl_lines="3-99 8"', null, 4, [3, 4]],
    ['hl_lines="4-2 x 1"', null, 3, [1]],
    // Counting up to a number past 2^53 never ended (n + 1 === n): the request thread hung for good.
    ['hl_lines="9007199254740993 2"', null, 3, [2]],
  ])('highlights the lines of %s (%s, %i lines)', async (meta, lang, lines, expected) => {
    expect(highlightedLines(await highlightCode(block(lines), lang, meta))).toEqual(expected);
  });

  it('highlights 200 KB of long lines of blanks in time that grows with its length, not its square', async () => {
    // A docs page is a repository's text; its code blocks are highlighted at each build.
    await highlightCode('warm: up', 'yaml', null);
    const code = `a: b\n${' '.repeat(1_990)}x\n`.repeat(100);
    const started = performance.now();
    expect(highlightedLines(await highlightCode(code, 'yaml', 'hl_lines="2"'))).toEqual([2]);
    expect(performance.now() - started).toBeLessThan(1_000);
  });

  // Each range once added its every line number to a Set, so the cost grew with the ranges listed
  // times their length: these 800 kB of metadata took seconds. Now a range costs the same whatever
  // it spans.
  it('highlights a 10,001-line block listed 100,000 times in about the time of listing it once', async () => {
    const code = block(10_001);
    const timed = async (meta: string) => {
      const started = performance.now();
      const figure = await highlightCode(code, null, meta);
      return { ms: performance.now() - started, highlighted: highlightedLines(figure).length };
    };
    const once = await timed('hl_lines="1-10001"');
    const many = await timed(`hl_lines="${'1-10001 '.repeat(100_000)}"`);
    expect(many.highlighted).toBe(10_001);
    expect(many.ms, `100,000 ranges ${Math.round(many.ms)} ms, one ${Math.round(once.ms)} ms`).toBeLessThan(5 * once.ms + 500);
  }, 120_000);
});
