import Link from 'next/link';
import type { ReactNode } from 'react';
import { EntityRefLink } from '@/components/catalog/entity-ref-link';
import { LifecycleBadge } from '@/components/catalog/lifecycle-badge';
import { Card } from '@/components/ui/card';
import type { EntitySummary } from '@/lib/catalog/model/entity-summary';

// The About card shows the fields that matter for the entity's kind, as Backstage's per-kind cards
// do: software (component, API, resource) its owner, system, type and lifecycle; a system its owner
// and domain; a domain its owner; a person their name, email and groups; a group its profile (its
// parent and child groups are in the Hierarchy card beside it, with links).

export type AboutFacts = {
  kind: string;
  description: string | null;
  owners: EntitySummary[];
  system: EntitySummary | null;
  domain: EntitySummary | null;
  type: string | null;
  lifecycle: string | null;
  tags: string[];
  namespace: string;
  source: { file: string | null; line: number | null; location: { id: string; type: string; target: string } | null };
  docsHref: string | null;
  /** spec.profile of a User or Group. */
  profile: { displayName: string | null; email: string | null };
  /** A user's groups. */
  memberOf: EntitySummary[];
  /** A Location's targets. */
  targets: string[];
};

function Fact({ label, children, wide = false }: { label: string; children: ReactNode; wide?: boolean }) {
  return (
    <div className={wide ? 'sm:col-span-2' : ''}>
      <dt className="text-xs font-semibold uppercase tracking-wide text-slate-500 dark:text-slate-400">{label}</dt>
      <dd className="mt-1 min-w-0 break-words text-sm text-slate-800 dark:text-slate-200">{children}</dd>
    </div>
  );
}

const none = <span className="text-slate-500 dark:text-slate-400">—</span>;

function Refs({ items }: { items: EntitySummary[] }) {
  return items.length ? (
    <span className="flex flex-wrap gap-x-3 gap-y-1">
      {items.map((o) => (
        <EntityRefLink key={o.ref} target={o} />
      ))}
    </span>
  ) : (
    none
  );
}

function Tags({ tags }: { tags: string[] }) {
  return (
    <span className="flex flex-wrap gap-1">
      {tags.map((t) => (
        <Link
          key={t}
          href={`/catalog?tag=${encodeURIComponent(t.toLowerCase())}`}
          className="rounded bg-slate-100 px-1.5 py-0.5 text-xs text-slate-700 hover:bg-slate-200 hover:no-underline dark:bg-slate-800 dark:text-slate-300 dark:hover:bg-slate-700"
        >
          {t}
        </Link>
      ))}
    </span>
  );
}

function Email({ email }: { email: string | null }) {
  // Only a plain address becomes a mailto: link (the value comes from a repository).
  return email && /^[^\s@<>"]+@[^\s@<>"]+$/.test(email) ? <a href={`mailto:${email}`}>{email}</a> : none;
}

/** Rows for the kind; empty optional rows (tags, type of a person) are left out rather than shown as "—". */
function kindFacts(f: AboutFacts): ReactNode {
  const tags = f.tags.length > 0 && (
    <Fact label="Tags" wide>
      <Tags tags={f.tags} />
    </Fact>
  );
  switch (f.kind.toLowerCase()) {
    case 'user':
      return (
        <>
          <Fact label="Email">
            <Email email={f.profile.email} />
          </Fact>
          <Fact label="Member of" wide>
            <Refs items={f.memberOf} />
          </Fact>
          {tags}
        </>
      );
    case 'group':
      return (
        <>
          {f.type && <Fact label="Type">{f.type}</Fact>}
          <Fact label="Email">
            <Email email={f.profile.email} />
          </Fact>
          {tags}
        </>
      );
    case 'system':
      return (
        <>
          <Fact label="Owner">
            <Refs items={f.owners} />
          </Fact>
          <Fact label="Domain">{f.domain ? <EntityRefLink target={f.domain} /> : none}</Fact>
          {tags}
        </>
      );
    case 'domain':
      return (
        <>
          <Fact label="Owner">
            <Refs items={f.owners} />
          </Fact>
          {f.domain && (
            <Fact label="Subdomain of">
              <EntityRefLink target={f.domain} />
            </Fact>
          )}
          {tags}
        </>
      );
    case 'location':
      return (
        <>
          {f.type && <Fact label="Type">{f.type}</Fact>}
          <Fact label="Targets" wide>
            {f.targets.length ? (
              <ul className="space-y-0.5">
                {f.targets.map((t) => (
                  <li key={t} className="break-all font-mono text-xs">
                    {t}
                  </li>
                ))}
              </ul>
            ) : (
              none
            )}
          </Fact>
        </>
      );
    case 'template':
      return (
        <>
          <Fact label="Owner">
            <Refs items={f.owners} />
          </Fact>
          <Fact label="Type">{f.type ?? none}</Fact>
          {tags}
        </>
      );
    default:
      // Component, API, Resource and kinds this portal does not know specially.
      return (
        <>
          <Fact label="Owner">
            <Refs items={f.owners} />
          </Fact>
          <Fact label="System">{f.system ? <EntityRefLink target={f.system} /> : none}</Fact>
          {f.domain && (
            <Fact label="Domain">
              <EntityRefLink target={f.domain} />
            </Fact>
          )}
          <Fact label="Type">{f.type ?? none}</Fact>
          <Fact label="Lifecycle">{f.lifecycle ? <LifecycleBadge lifecycle={f.lifecycle} /> : none}</Fact>
          {tags}
        </>
      );
  }
}

export function AboutCard({ facts }: { facts: AboutFacts }) {
  const { source, profile } = facts;
  return (
    <Card
      title="About"
      className="lg:col-span-2"
      actions={
        facts.docsHref ? (
          <Link href={facts.docsHref} className="text-sm">
            View docs →
          </Link>
        ) : undefined
      }
    >
      {(facts.kind.toLowerCase() === 'user' || facts.kind.toLowerCase() === 'group') && profile.displayName && (
        <div className="mb-3 flex items-center gap-3">
          {/* Initials rather than spec.profile.picture: no image is loaded from hosts a repository names. */}
          <span
            aria-hidden
            className="grid h-10 w-10 shrink-0 place-items-center rounded-full bg-slate-200 text-sm font-semibold dark:bg-slate-700"
          >
            {profile.displayName.slice(0, 1).toUpperCase()}
          </span>
          <p className="text-base font-medium text-slate-900 dark:text-white">{profile.displayName}</p>
        </div>
      )}
      <p
        className={`mb-5 text-sm ${facts.description ? 'text-slate-700 dark:text-slate-300' : 'italic text-slate-500 dark:text-slate-400'}`}
      >
        {facts.description ?? 'No description.'}
      </p>
      <dl className="grid gap-x-6 gap-y-4 sm:grid-cols-2 lg:grid-cols-3">
        {kindFacts(facts)}
        {facts.namespace !== 'default' && <Fact label="Namespace">{facts.namespace}</Fact>}
        <Fact label="Source" wide>
          {source.file ? (
            <code className="break-all font-mono text-xs">
              {source.file}
              {source.line ? `:${source.line}` : ''}
            </code>
          ) : source.location ? (
            <code className="break-all font-mono text-xs">{source.location.target}</code>
          ) : (
            <span className="text-slate-500 dark:text-slate-400">Managed in the portal</span>
          )}
          {source.location && (
            <Link href={`/locations/${source.location.id}`} className="mt-1 block text-xs">
              Its location: status, errors, refresh →
            </Link>
          )}
        </Fact>
      </dl>
    </Card>
  );
}
