import Link from 'next/link';
import { cookies } from 'next/headers';
import { EntityRefLink } from '@/components/catalog/entity-ref-link';
import { Card } from '@/components/ui/card';
import { PageHeader } from '@/components/ui/page-header';
import { pageActor } from '@/lib/auth/authorize';
import { getProfile } from '@/lib/auth/profile';
import { THEME_COOKIE, themeOf } from '@/lib/auth/theme';
import type { EntitySummary } from '@/lib/catalog/model';
import { summarizeRefs } from '@/lib/catalog/queries/pages';
import { ThemePicker } from './_components/theme-picker';

export const metadata = { title: 'Settings' };
export const dynamic = 'force-dynamic';

/** What each role lets a person do (README "Who can do what"), in a sentence. */
const ROLE_TEXT = {
  admin:
    'Admin: changes any entity, registers and removes any source (org sync too), appoints leads, edits scorecards, reads the audit log and adoption insights.',
  lead: 'Lead: changes what the groups below own (and what groups under them own), sets their initiatives, reads adoption insights.',
  member: 'Member: reads everything in the catalog and docs, registers sources, refreshes them, and creates services from templates.',
} as const;

export default async function SettingsPage() {
  const actor = await pageActor();
  const [profile, jar] = await Promise.all([getProfile(actor), cookies()]);
  const summaries = await summarizeRefs([...(profile.userRef ? [profile.userRef] : []), ...profile.groups, ...profile.leadOf]);
  const refs = (list: string[]) => list.map((r) => summaries.get(r)!);
  return (
    <>
      <PageHeader title="Settings" description="Who you are to the portal, and how it looks in this browser." />
      <div className="grid gap-6 lg:grid-cols-3">
        <Card title="Profile" className="lg:col-span-2">
          <dl className="grid gap-x-6 gap-y-3 text-sm sm:grid-cols-[10rem_minmax(0,1fr)]">
            <dt className="text-slate-500 dark:text-slate-400">Name</dt>
            <dd className="font-medium">{profile.name}</dd>
            <dt className="text-slate-500 dark:text-slate-400">GitHub login</dt>
            <dd>{profile.login ?? '—'}</dd>
            <dt className="text-slate-500 dark:text-slate-400">Email</dt>
            <dd className="[overflow-wrap:anywhere]">{profile.email ?? '—'}</dd>
            <dt className="text-slate-500 dark:text-slate-400">In the catalog</dt>
            <dd>
              {profile.userRef ? (
                <EntityRefLink target={summaries.get(profile.userRef)!} showKind />
              ) : (
                'You are signed in without a User entity: you own nothing and lead no group. An admin can add you to the org sync or a configured location.'
              )}
            </dd>
            <dt className="text-slate-500 dark:text-slate-400">Groups</dt>
            <dd>
              <RefList refs={refs(profile.groups)} none="None" />
            </dd>
            <dt className="text-slate-500 dark:text-slate-400">Roles</dt>
            <dd>
              <ul className="space-y-1.5">
                {profile.roles.map((role) => (
                  <li key={role}>
                    {ROLE_TEXT[role]}
                    {role === 'lead' && (
                      <div className="mt-1">
                        <RefList refs={refs(profile.leadOf)} none="" />
                      </div>
                    )}
                  </li>
                ))}
              </ul>
            </dd>
          </dl>
          <div className="mt-4 flex flex-wrap gap-x-4 gap-y-1 border-t border-slate-100 pt-3 text-sm dark:border-slate-800">
            <Link href="/catalog?kind=all&show=owned">What you own</Link>
            <Link href="/catalog?kind=all&show=starred">Your starred entities</Link>
            <Link href="/settings/tokens">Your API tokens</Link>
          </div>
        </Card>
        <Card title="Appearance">
          <ThemePicker theme={themeOf(jar.get(THEME_COOKIE)?.value)} />
        </Card>
      </div>
    </>
  );
}

function RefList({ refs, none }: { refs: EntitySummary[]; none: string }) {
  if (refs.length === 0) return <>{none}</>;
  return (
    <ul className="flex flex-wrap gap-x-3 gap-y-1">
      {refs.map((r) => (
        <li key={r.ref} className="min-w-0">
          <EntityRefLink target={r} />
        </li>
      ))}
    </ul>
  );
}
