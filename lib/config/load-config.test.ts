import { describe, expect, it } from 'vitest';
import { parseConfig } from './load-config';

describe('parseConfig', () => {
  it('fills defaults for an empty file', () => {
    const c = parseConfig('', 'wayfinder.config.yaml');
    expect(c.catalog.locations).toEqual([]);
    expect(c.catalog.rules).toEqual([{ allow: ['Component', 'API', 'Location'] }]);
    expect(c.catalog.refreshIntervalSeconds).toBe(300);
  });

  it.each([
    ['catalog:\n  locations:\n    - type: gitlab\n      target: x\n', 'catalog.locations[0].type: expected "file" or "url"'],
    ['catalog:\n  refreshIntervalSeconds: 5\n', 'catalog.refreshIntervalSeconds: must be at least 10 seconds'],
    ['catalog:\n  rules:\n    - allow: []\n', 'catalog.rules[0].allow: must list at least one kind'],
    ['catalgo:\n  locations: []\n', 'Unrecognized key: "catalgo"'],
    ['catalog: [unclosed\n', 'not valid YAML'],
  ])('names the key and what is expected: %j', (text, message) => {
    expect(() => parseConfig(text, 'wayfinder.config.yaml')).toThrow(message);
  });
});
