import Link from 'next/link';
import { connection } from 'next/server';
import { EntityForm } from '@/components/catalog-actions/entity-form';
import { PageHeader } from '@/components/ui/page-header';
import { buttonClass } from '@/components/ui/button';
import { Card } from '@/components/ui/card';
import { whyNotNow } from '@/lib/auth/abilities';
import { blankEntityFields, MANAGED_KINDS } from '@/lib/catalog/managed-entity-form';
import { pageActor } from '@/lib/auth/authorize';

export const metadata = { title: 'New entity' };

const YAML_SKELETON = `apiVersion: backstage.io/v1alpha1
kind: Component
metadata:
  name: my-service
  title: My service
  description: What it does, in one sentence.
  tags: []
spec:
  type: service
  lifecycle: experimental
  owner: team-a
`;

export default async function NewEntityPage({ searchParams }: { searchParams: Promise<{ kind?: string | string[] }> }) {
  await connection();
  await pageActor();
  const { kind } = await searchParams;
  const chosen = MANAGED_KINDS.find((k) => k.toLowerCase() === String(kind ?? '').toLowerCase()) ?? 'Component';
  const denied = await whyNotNow('catalog.entity.create');
  if (denied) {
    return (
      <>
        <PageHeader title="New entity" />
        <Card title="You cannot create entities in the portal">
          <p className="text-sm">{denied}</p>
          <Link href="/catalog-import" className={`${buttonClass('primary')} mt-4`}>
            Register a catalog-info.yaml
          </Link>
        </Card>
      </>
    );
  }
  const initial = blankEntityFields(chosen, { namespace: 'default' });
  return (
    <>
      <PageHeader
        eyebrow={
          <Link href="/catalog" className="text-slate-500 dark:text-slate-400">
            ← Catalog
          </Link>
        }
        title="New entity"
        description="Create an entity that lives in the portal rather than in a repository. It is validated exactly as a catalog-info.yaml would be. Entities from repositories are registered through a location instead."
        actions={
          <Link href="/catalog-import" className="text-sm">
            Register a catalog-info.yaml instead →
          </Link>
        }
      />
      <div className="max-w-3xl">
        <EntityForm initial={initial} initialYaml={YAML_SKELETON} kinds={MANAGED_KINDS} />
      </div>
    </>
  );
}
