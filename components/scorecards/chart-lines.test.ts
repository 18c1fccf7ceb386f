import { describe, expect, it } from 'vitest';
import { lineStrokes } from './chart-lines';

const done = { key: 'Done', label: 'Done', color: '#10b981' };
const goal = { key: 'In scope', label: 'In scope (the goal)', color: '#6366f1', dashed: true };

describe('lineStrokes', () => {
  it('paints a goal line under a solid line that meets it, and wider, so both stay visible', () => {
    const [under, over] = lineStrokes([done, goal]);
    expect([under!.key, over!.key]).toEqual(['In scope', 'Done']);
    expect(under!.width).toBeGreaterThan(over!.width);
    expect(under!.opacity).toBeLessThan(1);
    expect(under!.dash).toBeDefined();
    expect(over).toMatchObject({ opacity: 1, dash: undefined });
  });

  it('keeps the order of solid lines (the scorecard levels)', () => {
    const levels = ['Bronze', 'Silver', 'Gold'].map((l) => ({ key: l, label: l, color: '#000' }));
    expect(lineStrokes(levels).map((s) => s.key)).toEqual(['Bronze', 'Silver', 'Gold']);
  });
});
