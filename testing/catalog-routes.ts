import * as analyzeLocation from '@/app/api/catalog/analyze-location/route';
import * as ancestry from '@/app/api/catalog/entities/by-name/[kind]/[namespace]/[name]/ancestry/route';
import * as byName from '@/app/api/catalog/entities/by-name/[kind]/[namespace]/[name]/route';
import * as byQuery from '@/app/api/catalog/entities/by-query/route';
import * as byRefs from '@/app/api/catalog/entities/by-refs/route';
import * as byUid from '@/app/api/catalog/entities/by-uid/[uid]/route';
import * as entities from '@/app/api/catalog/entities/route';
import * as facets from '@/app/api/catalog/entity-facets/route';
import * as locationById from '@/app/api/catalog/locations/[id]/route';
import * as locationByEntity from '@/app/api/catalog/locations/by-entity/[kind]/[namespace]/[name]/route';
import * as locationsByQuery from '@/app/api/catalog/locations/by-query/route';
import * as locations from '@/app/api/catalog/locations/route';
import * as refresh from '@/app/api/catalog/refresh/route';
import * as validate from '@/app/api/catalog/validate-entity/route';
import type { RouteTable } from './route-server';

// The catalog REST API's route handlers, matched as the app/ folder layout matches them in Next
// (static segments before dynamic ones), for tests that serve them over HTTP.
export const CATALOG_ROUTES: RouteTable = [
  [/^\/api\/catalog\/entities$/, [], entities],
  [/^\/api\/catalog\/entities\/by-query$/, [], byQuery],
  [/^\/api\/catalog\/entities\/by-refs$/, [], byRefs],
  [/^\/api\/catalog\/entities\/by-uid\/([^/]+)$/, ['uid'], byUid],
  [/^\/api\/catalog\/entities\/by-name\/([^/]+)\/([^/]+)\/([^/]+)\/ancestry$/, ['kind', 'namespace', 'name'], ancestry],
  [/^\/api\/catalog\/entities\/by-name\/([^/]+)\/([^/]+)\/([^/]+)$/, ['kind', 'namespace', 'name'], byName],
  [/^\/api\/catalog\/entity-facets$/, [], facets],
  [/^\/api\/catalog\/locations$/, [], locations],
  [/^\/api\/catalog\/locations\/by-query$/, [], locationsByQuery],
  [/^\/api\/catalog\/locations\/by-entity\/([^/]+)\/([^/]+)\/([^/]+)$/, ['kind', 'namespace', 'name'], locationByEntity],
  [/^\/api\/catalog\/locations\/([^/]+)$/, ['id'], locationById],
  [/^\/api\/catalog\/refresh$/, [], refresh],
  [/^\/api\/catalog\/validate-entity$/, [], validate],
  [/^\/api\/catalog\/analyze-location$/, [], analyzeLocation],
];
