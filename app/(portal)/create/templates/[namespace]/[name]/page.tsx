import Link from 'next/link';
import { notFound } from 'next/navigation';
import { connection } from 'next/server';
import { formPages } from '@/components/scaffolder/form-schema';
import { RunTemplateForm } from '@/components/scaffolder/run-form';
import { Card } from '@/components/ui/card';
import { PageHeader } from '@/components/ui/page-header';
import { pageActor } from '@/lib/auth/authorize';
import { personIdOf } from '@/lib/auth/users';
import { RecordVisit } from '@/components/home/record-visit';
import { isAppError } from '@/lib/errors';
import { githubIntegrations } from '@/lib/github/integrations';
import { secretFields } from '@/lib/scaffolder/model/secret-fields';
import { buttonLabelsOf } from '@/lib/scaffolder/model/template';
import { canSeeTemplateRuns, loadTemplate, pickerIdentity } from '@/lib/scaffolder/queries';

export const metadata = { title: 'Run template' };

export default async function RunTemplatePage({ params }: { params: Promise<{ namespace: string; name: string }> }) {
  await connection();
  const actor = await pageActor();
  const { namespace, name } = await params;
  const [template, identity] = await Promise.all([
    loadTemplate(`template:${namespace}/${name}`).catch((err) => {
      if (isAppError(err) && err.code === 'NOT_FOUND') notFound();
      throw err;
    }),
    pickerIdentity(actor),
  ]);
  const personId = personIdOf(actor);
  return (
    <>
      {personId && (
        <RecordVisit
          personId={personId}
          page={{ path: `/create/templates/${namespace}/${name}`, title: template.title, kind: 'Template' }}
        />
      )}
      <PageHeader
        eyebrow={<Link href="/create">Create</Link>}
        title={template.title}
        description={template.description ?? undefined}
        actions={
          canSeeTemplateRuns(actor, template.owner) && (
            <Link href={`/create/tasks?template=${encodeURIComponent(template.ref)}`}>Runs of this template</Link>
          )
        }
      />
      <Card>
        <RunTemplateForm
          templateRef={template.ref}
          pages={formPages(template.spec.parameters)}
          secretFields={[...secretFields(template.spec.parameters)]}
          context={{ defaultHost: githubIntegrations()[0]?.host, ...identity }}
          buttonLabels={buttonLabelsOf(template.spec)}
        />
      </Card>
    </>
  );
}
