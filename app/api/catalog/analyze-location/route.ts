import { analyzeLocation } from '@/lib/catalog/api/analyze-location';
import { apiRoute, readJson } from '@/lib/http/route';

export const dynamic = 'force-dynamic';

// Backstage: POST /analyze-location { location: { type, target }, catalogFilename? } →
// { existingEntityFiles, generateEntities }. It reads the repository, so it needs what registering needs.
export const POST = apiRoute('catalog.location.create', async (req) => Response.json(await analyzeLocation(await readJson(req))));
