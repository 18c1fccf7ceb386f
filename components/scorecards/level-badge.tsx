import { Badge, type BadgeTone } from '@/components/ui/badge';

/** The level reached, coloured by how far up the ladder it is (no level: neutral, never red: help, not blame). */
export function LevelBadge({ level, index, of }: { level: string | null; index: number; of: number }) {
  const tone: BadgeTone = !level ? 'neutral' : index >= of ? 'green' : index * 2 >= of ? 'brand' : 'amber';
  return <Badge tone={tone}>{level ?? 'No level yet'}</Badge>;
}

/** Fill colours per level position, readable on light and dark backgrounds (charts and bars). */
export function levelColor(index: number, of: number): string {
  if (index === 0) return '#94a3b8';
  const palette = ['#f59e0b', '#6366f1', '#10b981', '#0ea5e9', '#a855f7'];
  return of <= 3 ? (['#f59e0b', '#6366f1', '#10b981'][index - 1 + (3 - of)] ?? palette[index - 1]) : palette[(index - 1) % palette.length];
}
