import { describe, expect, it } from 'vitest';
import { shownParameterPages } from './submission';

// The run form asks the server, at each Next, which pages a template's `when` conditions show. The
// pages come from the browser, so their conditions are anyone's expressions, run on the web process.

describe('shownParameterPages', () => {
  it('spends at most a few seconds on 100 pages whose conditions each run until stopped', async () => {
    const slow = '${{ true }}{% for i in range(0, 100000000) %}{% endfor %}';
    const pages = Array.from({ length: 100 }, (_, i) => ({ title: `Page ${i}`, when: slow }));
    const started = performance.now();
    const shown = await shownParameterPages({ pages, values: {} });
    expect(performance.now() - started).toBeLessThan(5_000);
    // A condition that could not be decided shows its page, as Backstage does.
    expect(shown).toEqual(pages.map(() => true));
  }, 120_000);

  it('still decides ordinary conditions', async () => {
    const pages = [{ title: 'Cloud' }, { title: 'AWS', when: "${{ parameters.cloud === 'aws' }}" }, { title: 'Never', when: false }];
    expect(await shownParameterPages({ pages, values: { cloud: 'gcp' } })).toEqual([true, false, false]);
    expect(await shownParameterPages({ pages, values: { cloud: 'aws' } })).toEqual([true, true, false]);
  });
});
