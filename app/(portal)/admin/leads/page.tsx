import { Card } from '@/components/ui/card';
import { PageHeader } from '@/components/ui/page-header';
import { actorWithPermission } from '@/lib/auth/authorize';
import { listSignInCandidates } from '@/lib/auth/users';
import { getPrisma } from '@/lib/db/client';
import { LeadForm, RemoveLeadButton } from '@/components/auth/lead-forms';

export const dynamic = 'force-dynamic';

export default async function LeadsPage() {
  await actorWithPermission('auth.lead.manage');
  const prisma = await getPrisma();
  const [leads, groups, users] = await Promise.all([
    prisma.groupLead.findMany({ orderBy: [{ groupRef: 'asc' }, { userRef: 'asc' }], select: { id: true, groupRef: true, userRef: true, source: true } }),
    prisma.entity.findMany({ where: { ref: { startsWith: 'group:' } }, select: { ref: true }, orderBy: { ref: 'asc' }, take: 5000 }),
    listSignInCandidates(),
  ]);
  return (
    <>
      <PageHeader
        eyebrow="Admin"
        title="Group leads"
        description="Leads edit ownership and metadata of what their group (and the groups below it) owns. GitHub team maintainers become leads through org sync; admins appoint more here."
      />
      <div className="space-y-6">
        <Card title="Appoint a lead">
          <LeadForm groups={groups.map((g) => g.ref)} users={users.map((u) => ({ ref: u.ref, name: u.name }))} />
        </Card>
        <Card title="Leads">
          <table className="w-full text-left text-sm">
            <thead className="text-xs uppercase text-slate-500">
              <tr>
                <th className="py-1.5">Group</th>
                <th>User</th>
                <th>Source</th>
                <th />
              </tr>
            </thead>
            <tbody>
              {leads.map((l) => (
                <tr key={l.id} className="border-t border-slate-200 dark:border-slate-800">
                  <td className="py-1.5">{l.groupRef}</td>
                  <td>{l.userRef}</td>
                  <td>{l.source === 'github' ? 'GitHub team maintainer' : 'appointed in the portal'}</td>
                  <td className="text-right">{l.source === 'portal' && <RemoveLeadButton groupRef={l.groupRef} userRef={l.userRef} />}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </Card>
      </div>
    </>
  );
}
