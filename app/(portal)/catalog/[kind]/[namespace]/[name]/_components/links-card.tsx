import { Card } from '@/components/ui/card';
import { safeHref } from '@/components/ui/safe-href';
import type { AnnotationLink } from '@/components/catalog/annotation-links';
import type { EntityLink } from '@/lib/catalog/model';

function ExternalIcon() {
  return (
    <svg aria-hidden viewBox="0 0 20 20" className="h-3.5 w-3.5 shrink-0 fill-current opacity-60">
      <path d="M11 3h6v6h-2V6.41l-6.3 6.3-1.4-1.42L13.58 5H11V3ZM5 5h4v2H5v8h8v-4h2v4a2 2 0 0 1-2 2H5a2 2 0 0 1-2-2V7a2 2 0 0 1 2-2Z" />
    </svg>
  );
}

/** metadata.links and links derived from well-known annotations (GitHub, PagerDuty, Grafana, …). */
export function LinksCard({ links, tools }: { links: EntityLink[]; tools: AnnotationLink[] }) {
  return (
    <Card title="Links">
      {links.length === 0 && tools.length === 0 ? (
        <p className="text-sm text-slate-500 dark:text-slate-400">
          No links. Add <code className="font-mono text-xs">metadata.links</code> to the descriptor.
        </p>
      ) : (
        <div className="space-y-5">
          {links.length > 0 && (
            <ul className="space-y-1.5 text-sm">
              {links.map((l, i) => {
                const href = safeHref(l.url);
                return (
                  <li key={i} className="min-w-0">
                    {href ? (
                      <a href={href} target="_blank" rel="noreferrer noopener" className="inline-flex max-w-full items-center gap-1.5">
                        <span className="truncate">{l.title ?? l.url}</span>
                        <ExternalIcon />
                      </a>
                    ) : (
                      <span className="text-slate-500 dark:text-slate-400">{l.title ?? l.url}</span>
                    )}
                  </li>
                );
              })}
            </ul>
          )}
          {tools.length > 0 && (
            <div>
              <h3 className="mb-1.5 text-xs font-semibold uppercase tracking-wide text-slate-500 dark:text-slate-400">Tools</h3>
              <ul className="space-y-1.5 text-sm">
                {tools.map((t) => (
                  <li key={`${t.annotation}-${t.label}`} className="min-w-0" title={t.annotation}>
                    {t.href ? (
                      <a href={t.href} target="_blank" rel="noreferrer noopener" className="inline-flex max-w-full items-center gap-1.5">
                        <span className="truncate">{t.label}</span>
                        <ExternalIcon />
                      </a>
                    ) : (
                      <span className="text-slate-700 dark:text-slate-300">{t.label}</span>
                    )}
                    <span className="block truncate font-mono text-xs text-slate-500 dark:text-slate-400">{t.detail}</span>
                  </li>
                ))}
              </ul>
            </div>
          )}
        </div>
      )}
    </Card>
  );
}
