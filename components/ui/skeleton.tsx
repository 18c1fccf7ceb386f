import { Card } from './card';

/** A grey placeholder of the shape of content that is still loading (loading.tsx pages). */
export function Skeleton({ className = '' }: { className?: string }) {
  return <div aria-hidden className={`animate-pulse rounded-md bg-slate-200 motion-reduce:animate-none dark:bg-slate-800 ${className}`} />;
}

/** A page still loading: its header, then rows of a table or a list. Announced once to screen readers. */
export function PageSkeleton({ label, rows = 8, aside = false }: { label: string; rows?: number; aside?: boolean }) {
  return (
    <div role="status" aria-live="polite" className="min-w-0">
      <span className="sr-only">{label}</span>
      <Skeleton className="mb-2 h-3 w-24" />
      <Skeleton className="mb-2 h-7 w-64 max-w-full" />
      <Skeleton className="mb-6 h-4 w-96 max-w-full" />
      <div className={aside ? 'grid gap-6 lg:grid-cols-[14rem_1fr]' : ''}>
        {aside && <Skeleton className="hidden h-64 lg:block" />}
        <div className="space-y-2 rounded-lg border border-slate-200 p-4 dark:border-slate-800">
          {Array.from({ length: rows }, (_, i) => (
            <Skeleton key={i} className="h-6" />
          ))}
        </div>
      </div>
    </div>
  );
}

/** A tab of a page still loading below its header and tabs: two cards side by side. */
export function TabSkeleton({ label = 'Loading…' }: { label?: string }) {
  return (
    <div role="status" aria-live="polite" className="grid gap-6 lg:grid-cols-2">
      <span className="sr-only">{label}</span>
      <Skeleton className="h-64" />
      <Skeleton className="h-64" />
    </div>
  );
}

/** A card whose content is still loading (a card that reads another system, streamed in). */
export function CardSkeleton({ title, label, className = '' }: { title: string; label: string; className?: string }) {
  return (
    <Card title={title} className={className}>
      <div role="status" aria-live="polite" className="space-y-2">
        <span className="sr-only">{label}</span>
        <Skeleton className="h-6" />
        <Skeleton className="h-6" />
      </div>
    </Card>
  );
}
