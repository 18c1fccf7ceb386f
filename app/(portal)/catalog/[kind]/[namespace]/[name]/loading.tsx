import { Skeleton } from '@/components/ui/skeleton';

// The entity page's shape: header, tabs, then the about card beside the relations.
export default function Loading() {
  return (
    <div role="status" aria-live="polite" className="min-w-0">
      <span className="sr-only">Loading the entity…</span>
      <Skeleton className="mb-2 h-3 w-32" />
      <Skeleton className="mb-2 h-8 w-72 max-w-full" />
      <Skeleton className="mb-6 h-4 w-96 max-w-full" />
      <Skeleton className="mb-6 h-9 w-full" />
      <div className="grid gap-6 lg:grid-cols-2">
        <Skeleton className="h-64" />
        <Skeleton className="h-64" />
      </div>
    </div>
  );
}
