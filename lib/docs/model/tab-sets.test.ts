import fs from 'node:fs';
import { transform } from 'esbuild';
import { describe, expect, it } from 'vitest';

describe('wireTabSets', () => {
  // The docs preview sends `wireTabSets.toString()` to the browser. Under tsx (keepNames, as the CLI
  // runs it) a function bound to a name gets a call to esbuild's `__name` helper, which only exists in
  // the module it was compiled in.
  it('compiles, as the preview CLI runs it, to source that needs nothing from its module', async () => {
    const source = fs.readFileSync(new URL('./tab-sets.ts', import.meta.url), 'utf8');
    const { code } = await transform(source, { loader: 'ts', format: 'esm', keepNames: true });
    // The function alone: from its declaration to the brace that closes it at the start of a line
    // (what esbuild adds after it, such as its own `__name` call, is not part of its source).
    const start = code.indexOf('function wireTabSets');
    const body = code.slice(start, code.indexOf('\n}', start) + 2);
    expect(body).toContain('function wireTabSets(root)');
    expect(body).not.toMatch(/__name|__publicField|__spreadValues|require\(/);
  });
});
