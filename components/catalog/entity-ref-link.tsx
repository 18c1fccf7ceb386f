import Link from 'next/link';
import { entityHref } from '@/lib/catalog/entity-href';
import type { EntityLinkTarget } from '@/lib/catalog/model/entity-summary';
import { shortRef } from '@/lib/catalog/model/refs';
import { kindLabel } from './entity-kind-badge';

/**
 * A link to an entity page. A target that is not in the catalog is still shown (greyed, struck
 * through lightly, with an explanation on hover) rather than dropped: a dangling owner or
 * dependency is information. It is never wider than its container: a long name is cut with an
 * ellipsis (or, with `wrap`, goes on over more lines: a table cell grows to its content rather
 * than cutting it, and pushes the table wider than its box), and the title (shown on hover) holds
 * the name and the ref.
 */
export function EntityRefLink({
  target,
  showKind = false,
  wrap = false,
  className = '',
}: {
  target: EntityLinkTarget;
  showKind?: boolean;
  wrap?: boolean;
  className?: string;
}) {
  const label = target.title || shortRef(target);
  const fit = wrap ? 'break-words' : 'truncate';
  const kind = showKind ? <span className="shrink-0 text-slate-500 dark:text-slate-400">{kindLabel(target.kind)}:</span> : null;
  if (!target.exists) {
    return (
      <span
        title={`${kindLabel(target.kind)} ${shortRef(target)} is not in the catalog`}
        className={`inline-flex max-w-full items-center gap-1 text-slate-500 decoration-dotted dark:text-slate-400 ${className}`}
      >
        {kind}
        <span className={`${fit} underline decoration-dotted underline-offset-2`}>{shortRef(target)}</span>
        <span className="shrink-0 rounded bg-slate-100 px-1 text-[10px] font-medium uppercase tracking-wide text-slate-500 dark:bg-slate-800 dark:text-slate-400">
          missing
        </span>
      </span>
    );
  }
  return (
    // Not prefetched when it scrolls into view: lists of entities (the catalog, relations, owners)
    // would cost the server a request for each link on screen; a click fetches the page.
    <Link
      prefetch={false}
      href={entityHref(target)}
      className={`inline-flex max-w-full items-center gap-1 ${className}`}
      title={
        target.title ? `${target.title} (${kindLabel(target.kind)} ${shortRef(target)})` : `${kindLabel(target.kind)} ${shortRef(target)}`
      }
    >
      {kind}
      <span className={fit}>{label}</span>
    </Link>
  );
}
