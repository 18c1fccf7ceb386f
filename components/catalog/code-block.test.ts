import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { CodeBlock, type CodeLanguage } from './code-block';

const html = async (code: string, lang: CodeLanguage) => renderToStaticMarkup(await CodeBlock({ code, lang }));

describe('CodeBlock', () => {
  it('colours each token of a line', async () => {
    const out = await html('name: orders # the service\n', 'yaml');
    expect(out.match(/<span style/g)?.length).toBeGreaterThan(3);
    expect(out).toContain('orders');
  });

  it('renders 300 KB of long lines of blanks in time that grows with its length, not its square', async () => {
    // An entity's YAML and an API's definition are a repository's text, rendered at each view of their tab.
    await html('warm: up\n', 'yaml');
    const code = `a: b\n${' '.repeat(1_990)}x\n`.repeat(150);
    const started = performance.now();
    expect(await html(code, 'yaml')).toContain(`${' '.repeat(1_990)}x`);
    expect(performance.now() - started).toBeLessThan(1_000);
  });
});
