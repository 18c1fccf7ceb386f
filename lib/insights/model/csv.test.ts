import { describe, expect, it } from 'vitest';
import { toCsv } from './csv';

describe('CSV export', () => {
  it('quotes what needs quoting and leaves numbers and empty cells plain', () => {
    expect(
      toCsv(
        ['a', 'b', 'c'],
        [
          ['plain', 'with, comma', 'say "hi"\nbye'],
          [1.5, null, true],
        ],
      ),
    ).toBe('a,b,c\r\nplain,"with, comma","say ""hi""\nbye"\r\n1.5,,true\r\n');
  });

  it('defuses cells a spreadsheet would run as formulas', () => {
    expect(toCsv(['comment'], [['=HYPERLINK("x")'], ['@SUM(1)'], ['-2+3'], [-2]])).toBe(
      'comment\r\n"\'=HYPERLINK(""x"")"\r\n\'@SUM(1)\r\n\'-2+3\r\n-2\r\n',
    );
  });

  it('defuses formulas behind leading blanks, line breaks or NUL, and in full-width characters', () => {
    const cells = [' =1+1', '\n=1+1', '\u0000=1+1', '\u3000@SUM(1)', '＝HYPERLINK("x")', '＋1', '－1', '＠A1', '\nplain'];
    const lines = toCsv(
      ['c'],
      cells.map((c) => [c]),
    );
    expect(lines).toBe(
      'c\r\n' +
        ["' =1+1", '"\'\n=1+1"', "'\u0000=1+1", "'\u3000@SUM(1)", '"\'＝HYPERLINK(""x"")"', "'＋1", "'－1", "'＠A1", '"\'\nplain"']
          .map((l) => `${l}\r\n`)
          .join(''),
    );
  });
});
