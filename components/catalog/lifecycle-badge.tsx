import { Badge, type BadgeTone } from '@/components/ui/badge';

const LIFECYCLE_TONES: Record<string, BadgeTone> = {
  production: 'green',
  experimental: 'amber',
  deprecated: 'red',
};

export function LifecycleBadge({ lifecycle }: { lifecycle: string | null | undefined }) {
  if (!lifecycle) return null;
  return <Badge tone={LIFECYCLE_TONES[lifecycle.toLowerCase()] ?? 'neutral'}>{lifecycle}</Badge>;
}
