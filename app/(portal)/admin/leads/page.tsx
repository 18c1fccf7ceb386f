import { Card } from '@/components/ui/card';
import { PageHeader } from '@/components/ui/page-header';
import { actorWithPermission } from '@/lib/auth/authorize';
import { canAppointLeads, listAllGroupLeads } from '@/lib/auth/users';
import { LeadForm, RemoveLeadButton } from '@/components/auth/lead-forms';
import { EmptyState } from '@/components/ui/empty-state';
import { CollapsedValues, Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from '@/components/ui/table';

export const dynamic = 'force-dynamic';

export default async function LeadsPage() {
  await actorWithPermission('auth.lead.manage');
  const [leads, appointable] = await Promise.all([listAllGroupLeads(), canAppointLeads()]);
  return (
    <>
      <PageHeader
        eyebrow="Admin"
        title="Group leads"
        description="Leads edit ownership and metadata of what their group (and the groups below it) owns. GitHub team maintainers become leads through org sync; admins appoint more here."
      />
      <div className="space-y-6">
        <Card title="Appoint a lead">
          {!appointable ? (
            <EmptyState title="Nobody to appoint yet">
              A lead is a User of a Group: register the organisation&apos;s Groups and Users (for example a github-org location) first.
            </EmptyState>
          ) : (
            <LeadForm />
          )}
        </Card>
        <Card title="Leads">
          {leads.length === 0 ? (
            <EmptyState title="No leads yet">Appoint one above, or let org sync bring in GitHub team maintainers.</EmptyState>
          ) : (
            <Table bare>
              <TableHead>
                <tr>
                  <TableHeader>Group</TableHeader>
                  <TableHeader collapse>User</TableHeader>
                  <TableHeader collapse>Source</TableHeader>
                  <TableHeader>
                    <span className="sr-only">Actions</span>
                  </TableHeader>
                </tr>
              </TableHead>
              <TableBody>
                {leads.map((l) => {
                  const source = l.source === 'github' ? 'GitHub team maintainer' : 'appointed in the portal';
                  return (
                    <TableRow key={l.id}>
                      <TableCell>
                        {l.groupRef}
                        <CollapsedValues
                          values={[
                            { label: 'User', value: l.userRef },
                            { label: 'Source', value: source },
                          ]}
                        />
                      </TableCell>
                      <TableCell collapse>{l.userRef}</TableCell>
                      <TableCell collapse>{source}</TableCell>
                      <TableCell align="right">
                        {l.source === 'portal' && <RemoveLeadButton groupRef={l.groupRef} userRef={l.userRef} />}
                      </TableCell>
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
