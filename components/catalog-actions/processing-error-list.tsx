import Link from 'next/link';
import { entityHref } from '@/lib/catalog/entity-href';
import { messageWithoutPosition } from './error-message';
import { ErrorText } from './error-text';
import type { LocationError } from '@/lib/catalog/queries/location-list';

/** Processing errors with file:line:column, the message, and the entity they are about. */
export function ProcessingErrorList({ errors }: { errors: LocationError[] }) {
  return (
    <ul className="divide-y divide-slate-100 dark:divide-slate-800">
      {errors.map((e) => (
        <li key={e.id} className="py-2 text-sm">
          <div className="flex flex-wrap items-baseline gap-x-3 gap-y-1">
            <span className="font-mono text-xs text-slate-600 dark:text-slate-400">
              {e.file}:{e.line}:{e.column}
            </span>
            <span className="rounded bg-slate-100 px-1.5 font-mono text-[11px] text-slate-600 dark:bg-slate-800 dark:text-slate-300">
              {e.code}
            </span>
            {e.entityRef && (
              <Link href={entityHref(e.entityRef)} className="text-xs">
                {e.entityRef}
              </Link>
            )}
          </div>
          <p className="mt-0.5">
            <ErrorText message={messageWithoutPosition(e)} className="text-red-700 dark:text-red-300" />
          </p>
        </li>
      ))}
    </ul>
  );
}

/** "2026-11-26 04:43 UTC": the same on server and client, no locale surprises. */
export function formatTime(iso: string | null): string {
  if (!iso) return 'never';
  return `${iso.slice(0, 10)} ${iso.slice(11, 16)} UTC`;
}
