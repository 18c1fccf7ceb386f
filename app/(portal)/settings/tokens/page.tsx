import { Card } from '@/components/ui/card';
import { PageHeader } from '@/components/ui/page-header';
import { listApiTokens, tokenPolicy } from '@/lib/auth/api-tokens';
import { pageActor } from '@/lib/auth/authorize';
import { personIdOf } from '@/lib/auth/users';
import { EmptyState } from '@/components/ui/empty-state';
import { CreateTokenForm } from './_components/create-token-form';
import { RevokeTokenButton } from './_components/revoke-token-button';
import { CollapsedValues, Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from '@/components/ui/table';

export const dynamic = 'force-dynamic';

const date = (d: Date | null) => (d ? d.toISOString().slice(0, 10) : '—');

export default async function TokensPage() {
  const actor = await pageActor();
  const userId = personIdOf(actor);
  if (!userId)
    return (
      <>
        <PageHeader eyebrow="Settings" title="API tokens" />
        <EmptyState title="Only a person has API tokens">
          This request is signed with the service token {actor.id.replace(/^service:/, '')} from the config file (auth.serviceTokens). Sign
          in as yourself to create and revoke your own tokens.
        </EmptyState>
      </>
    );
  const tokens = (await listApiTokens(userId)).map((t) => ({ ...t, expired: Boolean(t.expiresAt && t.expiresAt < new Date()) }));
  return (
    <>
      <PageHeader
        eyebrow="Settings"
        title="API tokens"
        description='Personal access tokens for scripts and API clients: send one as "Authorization: Bearer <token>" to /api/catalog. A token acts as you, never as more; a read token can only read; every token expires. Only its hash is stored, so it is shown once.'
      />
      <div className="space-y-6">
        <Card title="New token">
          <CreateTokenForm policy={tokenPolicy(actor)} revokedIds={tokens.filter((t) => t.revokedAt).map((t) => t.id)} />
        </Card>
        <Card title="Your tokens">
          {tokens.length === 0 ? (
            <p className="text-sm text-slate-600 dark:text-slate-400">You have no tokens.</p>
          ) : (
            <Table bare>
              <TableHead>
                <tr>
                  <TableHeader>Name</TableHeader>
                  <TableHeader collapse>Token</TableHeader>
                  <TableHeader collapse>Scope</TableHeader>
                  <TableHeader collapse>Created</TableHeader>
                  <TableHeader collapse>Expires</TableHeader>
                  <TableHeader collapse>Last used</TableHeader>
                  <TableHeader>Status</TableHeader>
                  <TableHeader>
                    <span className="sr-only">Actions</span>
                  </TableHeader>
                </tr>
              </TableHead>
              <TableBody>
                {tokens.map((t) => {
                  const token = <code>{t.prefix}…</code>;
                  const expires = t.expiresAt ? date(t.expiresAt) : 'never';
                  const status = t.revokedAt ? 'revoked' : t.expired ? 'expired' : 'active';
                  // On a phone the other columns show under the name: Status and Revoke stay on screen.
                  return (
                    <TableRow key={t.id} className="align-top">
                      <TableCell holdsCollapsed className="font-medium">
                        {t.name}
                        <CollapsedValues
                          inline
                          values={[
                            { label: 'Token', value: token },
                            { label: 'Scope', value: t.scope },
                            { label: 'Created', value: date(t.createdAt) },
                            { label: 'Expires', value: expires },
                            { label: 'Last used', value: date(t.lastUsedAt) },
                          ]}
                        />
                      </TableCell>
                      <TableCell collapse>{token}</TableCell>
                      <TableCell collapse>{t.scope}</TableCell>
                      <TableCell collapse className="whitespace-nowrap">
                        {date(t.createdAt)}
                      </TableCell>
                      <TableCell collapse className="whitespace-nowrap">
                        {expires}
                      </TableCell>
                      <TableCell collapse className="whitespace-nowrap">
                        {date(t.lastUsedAt)}
                      </TableCell>
                      <TableCell>{status}</TableCell>
                      <TableCell align="right">{!t.revokedAt && <RevokeTokenButton id={t.id} name={t.name} />}</TableCell>
                    </TableRow>
                  );
                })}
              </TableBody>
            </Table>
          )}
        </Card>
      </div>
    </>
  );
}
