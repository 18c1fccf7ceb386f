import { apiRoute } from '@/lib/http/route';
import { loadTemplate } from '@/lib/scaffolder/queries';

export const dynamic = 'force-dynamic';

type Ctx = { params: Promise<{ namespace: string; kind: string; name: string }> };

// Backstage's TemplateParameterSchema: the form pages of a template.
export const GET = apiRoute('catalog.read', async (_req, { params }: Ctx) => {
  const { namespace, kind, name } = await params;
  const t = await loadTemplate(`${kind}:${namespace}/${name}`);
  return Response.json({
    title: t.title,
    description: t.description ?? undefined,
    steps: t.spec.parameters.map((schema) => ({
      title: typeof schema.title === 'string' ? schema.title : 'Parameters',
      description: typeof schema.description === 'string' ? schema.description : undefined,
      schema,
    })),
  });
});
