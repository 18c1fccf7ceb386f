import { describe, expect, it } from 'vitest';
import { shownOutput } from './task-output';

describe('shownOutput', () => {
  it('keeps the links and text a page can show, whatever else the template rendered', () => {
    expect(
      shownOutput({
        links: [
          { title: 'Repository', url: 'https://github.com/acme/orders' },
          { title: { nested: true }, url: 42, entityRef: ['component:default/x'] },
          'not a link',
          null,
        ],
        text: [{ title: 7, content: { a: 1 } }, 3],
        other: { kept: 'by the API, not shown' },
      }),
    ).toEqual({
      links: [{ title: 'Repository', url: 'https://github.com/acme/orders' }, { url: '42' }, {}, {}],
      text: [{ title: '7', content: { a: 1 } }, {}],
    });
  });

  it('shows nothing for an output that is not an object of lists', () => {
    expect(shownOutput(null)).toEqual({});
    expect(shownOutput('text')).toEqual({});
    expect(shownOutput({ links: 'https://x', text: { title: 'x' } })).toEqual({});
  });
});
