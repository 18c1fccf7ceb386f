import type { BadgeTone } from '@/components/ui/badge';

// The colours of Argo CD's sync and health states, as Argo CD's own UI shows them.

const SYNC: Record<string, BadgeTone> = { Synced: 'green', OutOfSync: 'amber' };
const HEALTH: Record<string, BadgeTone> = {
  Healthy: 'green',
  Progressing: 'brand',
  Degraded: 'red',
  Missing: 'amber',
  Suspended: 'neutral',
};

export function argoTone(kind: 'sync' | 'health', status: string): BadgeTone {
  return (kind === 'sync' ? SYNC : HEALTH)[status] ?? 'neutral';
}
