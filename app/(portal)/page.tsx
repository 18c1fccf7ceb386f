import { connection } from 'next/server';
import { PageHeader } from '@/components/ui/page-header';

export default async function HomePage() {
  await connection();
  return <PageHeader title="Welcome" />;
}
