import { apiRoute } from '@/lib/http/route';
import { entityScorecardsResponse } from '@/lib/scorecards/api';

export const dynamic = 'force-dynamic';

type Ctx = { params: Promise<{ kind: string; namespace: string; name: string }> };

/** Per scorecard: level reached, every rule with pass/fail, the value seen and the remediation. */
export const GET = apiRoute('catalog.read', async (_req, { params }: Ctx) => entityScorecardsResponse(await params));
