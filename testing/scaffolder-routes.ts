import * as actions from '@/app/api/scaffolder/v2/actions/route';
import * as autocomplete from '@/app/api/scaffolder/v2/autocomplete/[provider]/[resource]/route';
import * as dryRun from '@/app/api/scaffolder/v2/dry-run/route';
import * as cancel from '@/app/api/scaffolder/v2/tasks/[taskId]/cancel/route';
import * as events from '@/app/api/scaffolder/v2/tasks/[taskId]/events/route';
import * as eventStream from '@/app/api/scaffolder/v2/tasks/[taskId]/eventstream/route';
import * as retry from '@/app/api/scaffolder/v2/tasks/[taskId]/retry/route';
import * as task from '@/app/api/scaffolder/v2/tasks/[taskId]/route';
import * as tasks from '@/app/api/scaffolder/v2/tasks/route';
import * as parameterSchema from '@/app/api/scaffolder/v2/templates/[namespace]/[kind]/[name]/parameter-schema/route';
import * as templatingExtensions from '@/app/api/scaffolder/v2/templating-extensions/route';
import type { RouteTable } from './route-server';

// The scaffolder REST API's route handlers under `prefix` (the app serves them at /api/scaffolder),
// for tests that serve them over HTTP.
export function scaffolderRoutes(prefix = '/api/scaffolder'): RouteTable {
  const p = prefix.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
  const at = (path: string) => new RegExp(`^${p}${path}$`);
  return [
    [at('/v2/actions'), [], actions],
    [at('/v2/templating-extensions'), [], templatingExtensions],
    [at('/v2/autocomplete/([^/]+)/([^/]+)'), ['provider', 'resource'], autocomplete],
    [at('/v2/dry-run'), [], dryRun],
    [at('/v2/templates/([^/]+)/([^/]+)/([^/]+)/parameter-schema'), ['namespace', 'kind', 'name'], parameterSchema],
    [at('/v2/tasks'), [], tasks],
    [at('/v2/tasks/([^/]+)/events'), ['taskId'], events],
    [at('/v2/tasks/([^/]+)/eventstream'), ['taskId'], eventStream],
    [at('/v2/tasks/([^/]+)/cancel'), ['taskId'], cancel],
    [at('/v2/tasks/([^/]+)/retry'), ['taskId'], retry],
    [at('/v2/tasks/([^/]+)'), ['taskId'], task],
  ];
}
