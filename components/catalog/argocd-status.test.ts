import { describe, expect, it } from 'vitest';
import { argoTone } from './argocd-status';

describe('argoTone', () => {
  it.each([
    ['sync', 'Synced', 'green'],
    ['sync', 'OutOfSync', 'amber'],
    ['sync', 'Unknown', 'neutral'],
    ['health', 'Healthy', 'green'],
    ['health', 'Progressing', 'brand'],
    ['health', 'Degraded', 'red'],
    ['health', 'Missing', 'amber'],
    ['health', 'Synced', 'neutral'],
  ] as const)('%s %s is %s', (kind, status, tone) => {
    expect(argoTone(kind, status)).toBe(tone);
  });
});
