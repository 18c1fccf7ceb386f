import Link from 'next/link';
import { connection } from 'next/server';
import { Card } from '@/components/ui/card';
import { PageHeader } from '@/components/ui/page-header';
import { actorWithPermission } from '@/lib/auth/authorize';
import { isAppError } from '@/lib/errors';
import { proposeRegistration } from '@/lib/insights';
import { RegisterForm } from './_components/register-form';

export const metadata = { title: 'Register a repository' };

// Admins and leads (insights.register): confirm the owner, preview the descriptor, open the PR.
export default async function RegisterRepositoryPage({ searchParams }: { searchParams: Promise<{ repository?: string | string[] }> }) {
  await connection();
  await actorWithPermission('insights.register');
  const raw = (await searchParams).repository;
  const repository = Array.isArray(raw) ? raw[0] : raw;
  let proposal;
  let problem: string | null = null;
  try {
    proposal = repository ? await proposeRegistration(repository) : null;
    if (!repository) problem = 'Choose a repository from the catalog coverage list on the insights page.';
  } catch (err) {
    if (!isAppError(err)) throw err;
    problem = err.message;
  }
  return (
    <>
      <PageHeader
        eyebrow={<Link href="/insights">Adoption insights</Link>}
        title={proposal ? `Register ${proposal.fullName}` : 'Register a repository'}
        description="Opens a pull request adding catalog-info.yaml at the repository’s root; merging it registers the repository."
      />
      {problem || !proposal ? (
        <div className="space-y-2 text-sm">
          <p role="alert" className="text-red-600 dark:text-red-400">
            {problem}
          </p>
          <Link href="/insights">Back to adoption insights</Link>
        </div>
      ) : (
        <Card>
          <RegisterForm
            repository={proposal.repository}
            fullName={proposal.fullName}
            candidates={proposal.candidates}
            description={proposal.description}
          />
        </Card>
      )}
    </>
  );
}
