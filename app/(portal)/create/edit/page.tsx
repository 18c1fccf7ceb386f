import Link from 'next/link';
import { connection } from 'next/server';
import { PageHeader } from '@/components/ui/page-header';
import { pageActor } from '@/lib/auth/authorize';
import { githubIntegrations } from '@/lib/github/integrations';
import { listTemplateSources, pickerIdentity } from '@/lib/scaffolder/queries';
import { TemplateEditor } from './_components/template-editor';

export const metadata = { title: 'Template editor' };

export default async function TemplateEditorPage() {
  await connection();
  const actor = await pageActor();
  const [templates, identity] = await Promise.all([listTemplateSources(), pickerIdentity(actor)]);
  return (
    <>
      <PageHeader
        eyebrow={<Link href="/create">Create</Link>}
        title="Template editor"
        description="Load a template from the catalog or paste YAML, fill its form, and dry-run it: rendered files, step log and output, with no side effects (publish, register and Argo CD steps say what they would do)."
        actions={
          <div className="flex flex-wrap gap-x-4 gap-y-1 text-sm">
            <Link href="/create/actions">Installed actions</Link>
            <Link href="/create/templating-extensions">Templating extensions</Link>
          </div>
        }
      />
      <TemplateEditor templates={templates} context={{ defaultHost: githubIntegrations()[0]?.host, ...identity }} />
    </>
  );
}
