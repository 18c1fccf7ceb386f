import { apiRoute } from '@/lib/http/route';
import { searchApiResponse } from '@/lib/search/api';

export const dynamic = 'force-dynamic';

// Backstage: GET /api/search/query?term=&types[0]=&filters[kind]=&pageCursor=&pageLimit=
// → { results: [{ type, document: { title, text, location, … }, rank }], numberOfResults, nextPageCursor?, previousPageCursor? }.
export const GET = apiRoute('catalog.read', async (req) => searchApiResponse(new URL(req.url).searchParams));
