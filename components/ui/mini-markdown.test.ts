import { describe, expect, it } from 'vitest';
import { markdownBlocks } from './mini-markdown';

describe('markdownBlocks', () => {
  it('joins a paragraph wrapped in its source into one line and splits paragraphs at blank lines', () => {
    const text = 'Quotes prices across carriers for a\nprospective shipment.\n\nValid for 30 minutes.\n';
    expect(markdownBlocks(text)).toEqual([
      { list: false, lines: ['Quotes prices across carriers for a prospective shipment.'] },
      { list: false, lines: ['Valid for 30 minutes.'] },
    ]);
  });

  it('keeps a block of list items as a list, and a paragraph that only starts like one as a paragraph', () => {
    expect(markdownBlocks('Errors:\n\n- `404` unknown booking\n* 409 already cancelled\n2. retry')).toEqual([
      { list: false, lines: ['Errors:'] },
      { list: true, lines: ['`404` unknown booking', '409 already cancelled', 'retry'] },
    ]);
    expect(markdownBlocks('- a list item that wraps\n  onto a second line')).toEqual([
      { list: false, lines: ['- a list item that wraps onto a second line'] },
    ]);
  });
});
