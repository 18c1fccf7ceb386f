import { describe, expect, it } from 'vitest';
import { expandSnippets } from './snippets';

// pymdownx.snippets' behaviour with TechDocs' defaults (pymdownx/snippets.py, SnippetPreprocessor).
const files: Record<string, string> = {
  'CHANGELOG.md': '# Changelog\n\n## 1.2.0\n\n- faster\n- smaller\n',
  'docs/includes/abbreviations.md': '*[API]: Application Programming Interface\n',
  'examples/app.py': 'import os\n# --8<-- [start:main]\ndef main():\n    print(os.getcwd())\n# --8<-- [end:main]\n',
  'docs/nested.md': 'Nested:\n--8<-- "docs/leaf.md"\n',
  'docs/leaf.md': 'leaf text',
  'docs/loop.md': 'loop start\n--8<-- "docs/loop.md"\nloop end\n',
  'empty.md': '',
};
const read = async (file: string) => files[file] ?? null;
const expand = async (source: string) => (await expandSnippets(source, read, 1_000_000)).text;

describe('expandSnippets', () => {
  it.each([
    [
      'a whole file, in place of the marker',
      'Before\n--8<-- "CHANGELOG.md"\nAfter',
      'Before\n# Changelog\n\n## 1.2.0\n\n- faster\n- smaller\nAfter',
    ],
    ['single quotes and a longer marker', "----8<---- 'docs/leaf.md'", 'leaf text'],
    ['lines 3 to 5', '--8<-- "CHANGELOG.md:3:5"', '## 1.2.0\n\n- faster'],
    ['from line 5 on', '--8<-- "CHANGELOG.md:5:"', '- faster\n- smaller'],
    ['up to line 1', '--8<-- "CHANGELOG.md::1"', '# Changelog'],
    [
      'a named section of a source file',
      '```python\n--8<-- "examples/app.py:main"\n```',
      '```python\ndef main():\n    print(os.getcwd())\n```',
    ],
    ['indented as the marker, as in an admonition', '!!! note\n    --8<-- "docs/leaf.md"', '!!! note\n    leaf text'],
    ['a tab taken to four columns', '\t--8<-- "docs/leaf.md"', '    leaf text'],
    [
      'a block of files, a blank line for an empty one, a commented one left out',
      '--8<--\nCHANGELOG.md::1\n\n;docs/leaf.md\ndocs/leaf.md\n--8<--',
      '# Changelog\n\nleaf text',
    ],
    ['snippets of a snippet', '--8<-- "docs/nested.md"', 'Nested:\nleaf text'],
    ['a file that includes itself, once', '--8<-- "docs/loop.md"', 'loop start\nloop end'],
    ['an escaped marker, shown with one ; less', ';--8<-- "docs/leaf.md"\n;;--8<--', '--8<-- "docs/leaf.md"\n;--8<--'],
    ['an empty file, as nothing', 'a\n--8<-- "empty.md"\nb', 'a\nb'],
    ['a file that is not there, left out', 'a\n--8<-- "missing.md"\nb', 'a\nb'],
    [
      'a path out of the site, absolute, or a URL: not read',
      '--8<-- "../secrets.txt"\n--8<-- "/etc/passwd"\n--8<-- "https://example.com/x.md"\nend',
      'end',
    ],
    ['a marker with text after it: an ordinary line', '--8<-- "docs/leaf.md" please', '--8<-- "docs/leaf.md" please'],
  ])('%s', async (_what, source, expected) => {
    expect(await expand(source)).toBe(expected);
  });

  it('lists every file it asked for, found or not, and stops past the size it may reach', async () => {
    const page = await expandSnippets('--8<-- "docs/nested.md"\n--8<-- "missing.md"\n--8<-- "../x"', read, 1_000);
    expect(page.asked.sort()).toEqual(['docs/leaf.md', 'docs/nested.md', 'missing.md']);
    // Each level includes the one below twice: 2^20 lines from a few bytes.
    const doubling: Record<string, string> = { 'l20.md': 'x' };
    for (let i = 0; i < 20; i++) doubling[`l${i}.md`] = `--8<-- "l${i + 1}.md"\n--8<-- "l${i + 1}.md"`;
    await expect(expandSnippets('--8<-- "l0.md"', async (f) => doubling[f] ?? null, 100_000)).rejects.toThrow(
      'with its snippets the page is more than 100000 characters',
    );
  });
});
