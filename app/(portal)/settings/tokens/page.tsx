import { Card } from '@/components/ui/card';
import { PageHeader } from '@/components/ui/page-header';
import { listApiTokens, tokenPolicy } from '@/lib/auth/api-tokens';
import { currentActor } from '@/lib/auth/authorize';
import { userIdOf } from '@/lib/auth/users';
import { CreateTokenForm } from './_components/create-token-form';
import { RevokeTokenButton } from './_components/revoke-token-button';

export const dynamic = 'force-dynamic';

const date = (d: Date | null) => (d ? d.toISOString().slice(0, 10) : '—');

export default async function TokensPage() {
  const actor = await currentActor();
  const tokens = (await listApiTokens(userIdOf(actor))).map((t) => ({ ...t, expired: Boolean(t.expiresAt && t.expiresAt < new Date()) }));
  return (
    <>
      <PageHeader
        eyebrow="Settings"
        title="API tokens"
        description='Personal access tokens for scripts and API clients: send one as "Authorization: Bearer <token>" to /api/catalog. A token acts as you, never as more; a read token can only read; every token expires. Only its hash is stored, so it is shown once.'
      />
      <div className="space-y-6">
        <Card title="New token">
          <CreateTokenForm policy={tokenPolicy(actor)} />
        </Card>
        <Card title="Your tokens">
          {tokens.length === 0 ? (
            <p className="text-sm text-slate-600 dark:text-slate-400">You have no tokens.</p>
          ) : (
            <table className="w-full text-left text-sm">
              <thead className="text-xs uppercase text-slate-500">
                <tr>
                  <th className="py-1.5">Name</th>
                  <th>Token</th>
                  <th>Scope</th>
                  <th>Created</th>
                  <th>Expires</th>
                  <th>Last used</th>
                  <th>Status</th>
                  <th />
                </tr>
              </thead>
              <tbody>
                {tokens.map((t) => (
                  <tr key={t.id} className="border-t border-slate-200 dark:border-slate-800">
                    <td className="py-1.5 font-medium">{t.name}</td>
                    <td><code>{t.prefix}…</code></td>
                    <td>{t.scope}</td>
                    <td>{date(t.createdAt)}</td>
                    <td>{t.expiresAt ? date(t.expiresAt) : 'never'}</td>
                    <td>{date(t.lastUsedAt)}</td>
                    <td>{t.revokedAt ? 'revoked' : t.expired ? 'expired' : 'active'}</td>
                    <td className="text-right">{!t.revokedAt && <RevokeTokenButton id={t.id} name={t.name} />}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
        </Card>
      </div>
    </>
  );
}
