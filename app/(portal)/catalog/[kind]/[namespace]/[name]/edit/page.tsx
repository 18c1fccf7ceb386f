import Link from 'next/link';
import { notFound } from 'next/navigation';
import { connection } from 'next/server';
import { DeleteEntityButton } from '@/components/catalog-actions/delete-entity-button';
import { EntityForm } from '@/components/catalog-actions/entity-form';
import { buttonClass } from '@/components/ui/button';
import { Card } from '@/components/ui/card';
import { PageHeader } from '@/components/ui/page-header';
import { entityHref, refOfParams } from '@/lib/catalog/entity-href';
import { fieldsOfEntity, MANAGED_KINDS } from '@/lib/catalog/managed-entity-form';
import { getEditableEntity } from '@/lib/catalog/queries/managed';
import { whyNotNow } from '@/lib/auth/abilities';
import { descriptorUrlOf, editTargetOf, getOpenPendingChange, offersOwnershipEdit } from '@/lib/catalog/edit/queries';
import { pageActor } from '@/lib/auth/authorize';

export const metadata = { title: 'Edit entity' };

type Params = { kind: string; namespace: string; name: string };

export default async function EditEntityPage({ params }: { params: Promise<Params> }) {
  await connection();
  await pageActor();
  const ref = refOfParams(await params);
  const entity = await getEditableEntity(ref);
  if (!entity) notFound();
  const label = entity.title ?? entity.name;
  const back = (
    <Link href={entityHref(ref)} className="text-slate-500 dark:text-slate-400">
      ← {label}
    </Link>
  );

  const denied = await whyNotNow('catalog.entity.update', ref);
  if (entity.location) {
    const managedBy = entity.body.metadata.annotations?.['backstage.io/managed-by-location'];
    const target = editTargetOf(entity.location.id, managedBy);
    const repoUrl = descriptorUrlOf(managedBy);
    // As on the entity page: no form link while a pull request with an earlier change is open.
    const pending = offersOwnershipEdit(entity.kind, target) ? await getOpenPendingChange(ref) : null;
    const ownership = !denied && !pending && offersOwnershipEdit(entity.kind, target);
    return (
      <>
        <PageHeader eyebrow={back} title={`Edit ${label}`} />
        <Card title="Change it where it lives">
          <p className="text-sm">
            {entity.kind} {entity.name} comes from the location{' '}
            <Link href={`/locations/${entity.location.id}`} className="break-all font-mono text-xs">
              {entity.location.display}
            </Link>
            {entity.sourceFile && (
              <>
                {' '}
                (file <span className="break-all font-mono text-xs">{entity.sourceFile}</span>)
              </>
            )}
            : its descriptor file is the source of truth, so the full form is only for entities created in the portal.
          </p>
          <div className="mt-4 flex flex-wrap gap-2">
            {ownership && (
              <Link href={`${entityHref(ref)}?edit=ownership`} className={buttonClass('primary')}>
                Edit ownership{target === 'pull-request' ? ' (opens a pull request)' : ''}
              </Link>
            )}
            {repoUrl && (
              <a href={repoUrl} target="_blank" rel="noreferrer" className={buttonClass('secondary')}>
                Open the file in its repository
              </a>
            )}
          </div>
          {denied && <p className="mt-3 text-sm text-slate-600 dark:text-slate-400">{denied}</p>}
          {!denied && pending && (
            <p className="mt-3 text-sm text-slate-600 dark:text-slate-400">
              A change is already waiting in pull request #{pending.prNumber}; merge or close it first.
            </p>
          )}
        </Card>
      </>
    );
  }
  if (denied) {
    return (
      <>
        <PageHeader eyebrow={back} title={`Edit ${label}`} />
        <Card title="You cannot change this entity">
          <p className="text-sm">{denied}</p>
        </Card>
      </>
    );
  }

  const formKind = MANAGED_KINDS.some((k) => k.toLowerCase() === entity.kind.toLowerCase());
  return (
    <>
      <PageHeader
        eyebrow={back}
        title={`Edit ${label}`}
        description={`${entity.kind} ${ref}, managed in the portal.`}
        actions={
          <a href={entityHref(ref, '/export')} className={buttonClass('secondary')} download>
            Export YAML
          </a>
        }
      />
      <div className="max-w-3xl space-y-8">
        <EntityForm
          expectedRef={ref}
          initial={fieldsOfEntity(entity.body)}
          initialYaml={entity.rawYaml}
          kinds={MANAGED_KINDS}
          yamlOnly={!formKind}
        />
        <Card title="Delete this entity">
          <p className="mb-3 text-sm text-slate-600 dark:text-slate-400">Removes {ref} from the catalog, with the relations it declares.</p>
          <DeleteEntityButton entityRef={ref} label={label} />
        </Card>
      </div>
    </>
  );
}
