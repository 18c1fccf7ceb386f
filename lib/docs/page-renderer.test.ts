import { describe, expect, it } from 'vitest';
import { DocsCompileError } from './model/compile-error';
import { renderPage } from './model/render';
import { PAGE_HEAP_MB, renderPageInThread } from './page-renderer';

const bases = { pageBase: '/catalog/component/default/orders/docs', assetBase: '/api/docs/default/component/orders/assets' };
const page = (source: string, file = 'index.md') => ({ source, file, bases });

/** Counts the server thread's timer ticks while `work` runs: a blocked thread counts none. */
async function ticksDuring<T>(work: Promise<T>): Promise<{ result: PromiseSettledResult<T>; ticks: number; ms: number }> {
  let ticks = 0;
  const timer = setInterval(() => ticks++, 50);
  const start = Date.now();
  const [result] = await Promise.allSettled([work]);
  clearInterval(timer);
  return { result, ticks, ms: Date.now() - start };
}

describe('renderPageInThread', () => {
  it('renders a page as the renderer does, and passes on a page problem with its place', async () => {
    const source = '# Orders\n\nSee [the runbook](runbook.md) and `code`.\n\n```yaml\nkind: Component\n```\n\n- [x] done\n';
    expect(await renderPageInThread(page(source))).toEqual(await renderPage(page(source)));

    const mdx = page('# Page\n\n<Widget {...props} />\n', 'page.mdx');
    const [inThread, direct] = await Promise.allSettled([renderPageInThread(mdx), renderPage(mdx)]);
    expect(inThread.status).toBe('rejected');
    expect((inThread as PromiseRejectedResult).reason).toBeInstanceOf(DocsCompileError);
    expect((inThread as PromiseRejectedResult).reason).toMatchObject((direct as PromiseRejectedResult).reason);
  });

  it('refuses a page past its time budget while the server keeps answering, then renders the next page', async () => {
    // 66,000 paragraphs (200 KB): seconds of the renderer's time.
    const { result, ticks, ms } = await ticksDuring(renderPageInThread(page('x\n\n'.repeat(66_000), 'slow.md'), 500));
    expect(result).toMatchObject({
      status: 'rejected',
      reason: { message: 'the page took more than 0.5 s to render; split it into smaller pages at slow.md:1:1' },
    });
    expect(ms).toBeLessThan(2_000);
    expect(ticks).toBeGreaterThanOrEqual(5);
    expect((await renderPageInThread(page('# Next\n'))).title).toBe('Next');
  });

  it('refuses a page that needs more memory than its budget, where it used to end the server', async () => {
    // 1 MB of links: more than 256 MB to render, past `npm start`'s whole heap of 384 MB.
    const { result, ticks } = await ticksDuring(renderPageInThread(page('[a](b.md) '.repeat(100_000), 'links.md'), 60_000));
    expect(result).toMatchObject({
      status: 'rejected',
      reason: {
        message: `the page needs more than ${PAGE_HEAP_MB} MB to render; split it into smaller pages at links.md:1:1`,
      },
    });
    expect(ticks).toBeGreaterThanOrEqual(10);
    expect((await renderPageInThread(page('# After\n'))).title).toBe('After');
  }, 30_000);
});
