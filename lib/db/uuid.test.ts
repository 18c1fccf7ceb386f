import { describe, expect, it, vi } from 'vitest';
import { isUuid, uuidv7 } from './uuid';

describe('uuidv7', () => {
  it('is a version 7, RFC 9562 variant UUID carrying the current millisecond', () => {
    const before = Date.now();
    const id = uuidv7();
    expect(isUuid(id)).toBe(true);
    expect(id[14]).toBe('7');
    expect('89ab').toContain(id[19]);
    const ms = parseInt(id.slice(0, 8) + id.slice(9, 13), 16);
    expect(ms).toBeGreaterThanOrEqual(before);
    expect(ms).toBeLessThanOrEqual(Date.now());
  });

  it('draws fresh random bits for every id', () => {
    const tails = Array.from({ length: 1000 }, () => uuidv7().slice(19));
    expect(new Set(tails).size).toBe(tails.length);
  });

  it('grows strictly within one millisecond, past the 12-bit sequence, and when the clock steps back', () => {
    const now = vi.spyOn(Date, 'now').mockReturnValue(Date.UTC(2030, 0, 1));
    try {
      const ids = Array.from({ length: 5000 }, () => uuidv7());
      now.mockReturnValue(Date.UTC(2029, 0, 1));
      ids.push(uuidv7(), uuidv7());
      for (let i = 1; i < ids.length; i++) expect(ids[i] > ids[i - 1]).toBe(true);
      expect(new Set(ids).size).toBe(ids.length);
    } finally {
      now.mockRestore();
    }
  });
});
