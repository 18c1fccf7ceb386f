import { Badge, type BadgeTone } from '@/components/ui/badge';

const TONE: Record<string, BadgeTone> = { ok: 'green', error: 'red', pending: 'amber' };

export function LocationStatusBadge({ status }: { status: string }) {
  return <Badge tone={TONE[status] ?? 'neutral'}>{status}</Badge>;
}

const ORIGIN_LABEL: Record<string, string> = { config: 'config file', api: 'registered', entity: 'Location entity' };

export function LocationOriginBadge({ origin }: { origin: string }) {
  return <Badge tone={origin === 'api' ? 'brand' : 'neutral'}>{ORIGIN_LABEL[origin] ?? origin}</Badge>;
}
