import Link from 'next/link';
import { ImportLocationForm } from '@/components/catalog-actions/import-location-form';
import { PageHeader } from '@/components/ui/page-header';
import { pageActor } from '@/lib/auth/authorize';

export const metadata = { title: 'Register a location' };

export default async function CatalogImportPage() {
  await pageActor();
  return (
    <>
      <PageHeader
        eyebrow={
          <Link href="/locations" className="text-slate-500 dark:text-slate-400">
            ← Locations
          </Link>
        }
        title="Register a location"
        description="Give the URL of a catalog-info.yaml (or a file path inside the allowed folders). Analyze shows what would be added without changing anything; Import registers it and reads it now."
      />
      <ImportLocationForm />
    </>
  );
}
