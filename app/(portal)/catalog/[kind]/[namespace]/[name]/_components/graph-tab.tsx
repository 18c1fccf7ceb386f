import { SegmentedLinks } from '@/components/ui/tabs';
import { entityHref } from '@/lib/catalog/entity-href';
import { shortRef } from '@/lib/catalog/model/refs';
import { EntityGraph, type GraphViewEdge, type GraphViewNode } from '@/components/catalog/graph/entity-graph';
import { kindLabel } from '@/components/catalog/entity-kind-badge';
import { relationLabel } from '@/components/catalog/relation-labels';
import { getEntityGraph } from '@/lib/catalog/queries/pages';

export const GRAPH_DEPTHS = [1, 2, 3, 4] as const;

export function parseDepth(raw: string | string[] | undefined): number {
  const n = Number(Array.isArray(raw) ? raw[0] : raw);
  return GRAPH_DEPTHS.includes(n as 1) ? n : 1;
}

export async function GraphTab({ entityRef, baseHref, depth }: { entityRef: string; baseHref: string; depth: number }) {
  const graph = await getEntityGraph(entityRef, depth);
  const nodes: GraphViewNode[] = graph.nodes.map((n) => ({
    id: n.ref,
    label: n.title ?? shortRef(n),
    kind: kindLabel(n.kind),
    href: n.exists ? entityHref(n) : null,
    root: n.root,
  }));
  const edges: GraphViewEdge[] = graph.edges.map((e) => ({
    id: e.id,
    source: e.source,
    target: e.target,
    type: e.type,
    label: relationLabel(e.type).toLowerCase(),
  }));
  return (
    <div className="space-y-3">
      <div className="flex flex-wrap items-center justify-between gap-3">
        <p className="text-sm text-slate-600 dark:text-slate-400">
          {nodes.length} entities and {edges.length} relations within {depth} {depth === 1 ? 'hop' : 'hops'}, grouped by kind. Hover a
          relation or an entity to see what connects; click an entity to open it.
          {graph.truncated && (
            <span className="ml-1 text-amber-700 dark:text-amber-300">
              The neighbourhood is large: only the first {nodes.length} entities are drawn.
            </span>
          )}
        </p>
        <div className="inline-flex items-center gap-2 text-sm">
          <span className="text-slate-500 dark:text-slate-400">Depth</span>
          <SegmentedLinks
            label="Depth"
            items={GRAPH_DEPTHS.map((d) => ({ key: String(d), label: d, href: `${baseHref}?tab=graph&depth=${d}`, current: d === depth }))}
          />
        </div>
      </div>
      <EntityGraph nodes={nodes} edges={edges} />
    </div>
  );
}
