import Link from 'next/link';
import { notFound } from 'next/navigation';
import { connection } from 'next/server';
import { formPages } from '@/components/scaffolder/form-schema';
import { RunTemplateForm } from '@/components/scaffolder/run-form';
import { startValues } from '@/components/scaffolder/start-over';
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

type Props = {
  params: Promise<{ namespace: string; name: string }>;
  searchParams: Promise<{ formData?: string | string[] }>;
};

export default async function RunTemplatePage({ params, searchParams }: Props) {
  await connection();
  const actor = await pageActor();
  const { namespace, name } = await params;
  // Backstage's ?formData= (a finished task's Start over): the answers the form starts with.
  const start = startValues((await searchParams).formData);
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
      {start.problem && (
        <p
          role="alert"
          className="mb-4 rounded-md border border-amber-200 bg-amber-50 px-3 py-2 text-sm text-amber-900 dark:border-amber-800 dark:bg-amber-950 dark:text-amber-200"
        >
          {start.problem}
        </p>
      )}
      <Card>
        <RunTemplateForm
          templateRef={template.ref}
          pages={formPages(template.spec.parameters)}
          secretFields={[...secretFields(template.spec.parameters)]}
          context={{ defaultHost: githubIntegrations()[0]?.host, ...identity }}
          buttonLabels={buttonLabelsOf(template.spec)}
          initialValues={start.values}
        />
      </Card>
    </>
  );
}
