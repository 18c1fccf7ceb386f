import { refOfParams } from '@/lib/catalog/entity-href';
import { getEditableEntity } from '@/lib/catalog/queries/managed';
import { AppError } from '@/lib/errors';
import { apiRoute } from '@/lib/http/route';

type Ctx = { params: Promise<{ kind: string; namespace: string; name: string }> };

/** The entity's descriptor as written (rawYaml), as a file download. */
export const GET = apiRoute<Ctx>('catalog.read', async (_req, { params }) => {
  const ref = refOfParams(await params);
  const entity = await getEditableEntity(ref);
  if (!entity) throw new AppError('NOT_FOUND', `${ref} is not in the catalog`);
  const filename = `${entity.kind.toLowerCase()}-${entity.name}.yaml`.replace(/[^a-zA-Z0-9._-]/g, '_');
  return new Response(entity.rawYaml.endsWith('\n') ? entity.rawYaml : `${entity.rawYaml}\n`, {
    headers: {
      'content-type': 'text/yaml; charset=utf-8',
      'content-disposition': `attachment; filename="${filename}"`,
      'cache-control': 'no-store',
    },
  });
});
