'use client';

import '@xyflow/react/dist/style.css';
import {
  Background,
  Controls,
  Handle,
  MarkerType,
  Position,
  ReactFlow,
  ReactFlowProvider,
  useReactFlow,
  type Edge,
  type Node,
  type NodeProps,
} from '@xyflow/react';
import { createContext, useContext, useEffect, useMemo, useRef, useState } from 'react';
import { layoutGraph, NODE_HEIGHT, NODE_WIDTH, type GraphLayout } from './graph-layout';

export type GraphViewNode = { id: string; label: string; kind: string; href: string | null; root: boolean };
export type GraphViewEdge = { id: string; source: string; target: string; type: string; label: string };

type EntityNodeData = { label: string; kind: string; href: string | null; root: boolean };

/**
 * The entities tied to the hovered one (null: none hovered); the others are dimmed. A context, not
 * node data: React Flow measures a changed node again and hides it meanwhile, which would take the
 * pointer off the hovered entity (and its relations' labels with it) on every hover.
 */
const Lit = createContext<Set<string> | null>(null);
type KindNodeData = { kind: string; count: number };

function EntityNode({ id, data }: NodeProps<Node<EntityNodeData>>) {
  const lit = useContext(Lit);
  const dim = lit !== null && !lit.has(id);
  const box = data.root
    ? 'border-brand-600 bg-brand-50 ring-2 ring-brand-500/30 dark:bg-slate-800'
    : data.href
      ? 'border-slate-300 bg-white hover:border-brand-500 dark:border-slate-700 dark:bg-slate-900'
      : 'border-dashed border-slate-300 bg-slate-50 opacity-70 dark:border-slate-700 dark:bg-slate-900';
  const body = (
    <>
      <div className="text-[10px] font-semibold uppercase tracking-wide text-slate-500 dark:text-slate-400">
        {data.kind}
        {!data.href && ' · missing'}
      </div>
      <div className="truncate text-sm font-medium text-slate-900 dark:text-slate-100">{data.label}</div>
    </>
  );
  return (
    <div
      style={{ width: NODE_WIDTH, height: NODE_HEIGHT }}
      className={`rounded-md border px-3 py-1 shadow-sm transition-opacity ${box} ${dim ? 'opacity-30' : ''}`}
      title={data.href ? data.label : `${data.label}: not in the catalog`}
    >
      <Handle type="target" position={Position.Left} className="!h-1.5 !w-1.5 !border-0 !bg-slate-400" />
      {data.href ? (
        <a href={data.href} className="block hover:no-underline">
          {body}
        </a>
      ) : (
        body
      )}
      <Handle type="source" position={Position.Right} className="!h-1.5 !w-1.5 !border-0 !bg-slate-400" />
    </div>
  );
}

/** The box around the entities of one kind. */
function KindNode({ data }: NodeProps<Node<KindNodeData>>) {
  return (
    <div className="h-full w-full rounded-lg border border-slate-200 bg-slate-50/70 dark:border-slate-800 dark:bg-slate-900/50">
      <div className="px-3 pt-1.5 text-xs font-semibold text-slate-600 dark:text-slate-300">
        {data.kind} <span className="font-normal text-slate-500 dark:text-slate-400">{data.count}</span>
      </div>
    </div>
  );
}

const NODE_TYPES = { entity: EntityNode, kind: KindNode };

function Toggle({ label, count, on, onClick }: { label: string; count: number; on: boolean; onClick: () => void }) {
  return (
    <button
      type="button"
      aria-pressed={on}
      onClick={onClick}
      className={`rounded-full border px-2.5 py-0.5 text-xs ${on ? 'border-brand-500 bg-brand-50 text-brand-700 dark:bg-slate-800 dark:text-white' : 'border-slate-300 text-slate-500 dark:text-slate-400 line-through dark:border-slate-700'}`}
    >
      {label} <span className="tabular-nums opacity-70">{count}</span>
    </button>
  );
}

const count = <T,>(items: T[], key: (t: T) => string) => {
  const m = new Map<string, number>();
  for (const i of items) m.set(key(i), (m.get(key(i)) ?? 0) + 1);
  return [...m].sort((a, b) => a[0].localeCompare(b[0]));
};

/**
 * The relation graph around an entity: laid out in the browser (ELK, kinds grouped), with kind and
 * relation filters, labels of a relation on hover, and fit-to-view (again when the view is resized).
 * Nodes link to entity pages.
 */
export function EntityGraph(props: { nodes: GraphViewNode[]; edges: GraphViewEdge[] }) {
  return (
    <ReactFlowProvider>
      <Graph {...props} />
    </ReactFlowProvider>
  );
}

function Graph({ nodes, edges }: { nodes: GraphViewNode[]; edges: GraphViewEdge[] }) {
  const flow = useReactFlow();
  const [hiddenKinds, setHiddenKinds] = useState<Set<string>>(new Set());
  const [hiddenTypes, setHiddenTypes] = useState<Set<string>>(new Set());
  const [hoverEdge, setHoverEdge] = useState<string | null>(null);
  const [hoverNode, setHoverNode] = useState<string | null>(null);
  const [layout, setLayout] = useState<GraphLayout | null>(null);
  const box = useRef<HTMLDivElement>(null);

  // What the filters leave: an entity stays while a shown relation still ties it in (the root always).
  const visible = useMemo(() => {
    const shownNodes = new Map(nodes.filter((n) => n.root || !hiddenKinds.has(n.kind)).map((n) => [n.id, n]));
    const shownEdges = edges.filter((e) => !hiddenTypes.has(e.type) && shownNodes.has(e.source) && shownNodes.has(e.target));
    const tied = new Set(shownEdges.flatMap((e) => [e.source, e.target]));
    return { nodes: [...shownNodes.values()].filter((n) => n.root || tied.has(n.id)), edges: shownEdges };
  }, [nodes, edges, hiddenKinds, hiddenTypes]);

  useEffect(() => {
    let cancelled = false;
    // ELK is loaded with the graph, not with every page.
    void import('elkjs/lib/elk.bundled.js').then(async ({ default: ELK }) => {
      // The drawing area's shape decides between a left-to-right and a top-to-bottom layout (a phone is tall).
      const view =
        box.current && box.current.clientWidth > 0 ? { width: box.current.clientWidth, height: box.current.clientHeight } : undefined;
      const result = await layoutGraph(new ELK(), visible.nodes, visible.edges, view);
      if (cancelled) return;
      setLayout(result);
      requestAnimationFrame(() => void flow.fitView({ padding: 0.08 }));
    });
    return () => {
      cancelled = true;
    };
  }, [visible, flow]);

  // A resized drawing area (window, rotation, sidebar) is fitted again; the layout is kept, so this
  // costs one fitView per animation frame at most, and nothing while the size stays the same.
  useEffect(() => {
    const el = box.current;
    if (!el || typeof ResizeObserver === 'undefined') return;
    let size = `${el.clientWidth}x${el.clientHeight}`;
    let frame = 0;
    const observer = new ResizeObserver(() => {
      const next = `${el.clientWidth}x${el.clientHeight}`;
      if (next === size) return;
      size = next;
      cancelAnimationFrame(frame);
      frame = requestAnimationFrame(() => void flow.fitView({ padding: 0.08 }));
    });
    observer.observe(el);
    return () => {
      observer.disconnect();
      cancelAnimationFrame(frame);
    };
  }, [flow]);

  const neighbours = useMemo(() => {
    if (!hoverNode) return null;
    return new Set(visible.edges.filter((e) => e.source === hoverNode || e.target === hoverNode).flatMap((e) => [e.source, e.target]));
  }, [hoverNode, visible.edges]);

  const flowNodes = useMemo<Node[]>(() => {
    if (!layout) return [];
    const groups: Node<KindNodeData>[] = layout.groups.map((g) => ({
      id: `kind:${g.kind}`,
      type: 'kind',
      position: { x: g.x, y: g.y },
      style: { width: g.width, height: g.height },
      data: { kind: g.kind, count: g.count },
      draggable: false,
      selectable: false,
      zIndex: -1,
    }));
    const entities: Node<EntityNodeData>[] = visible.nodes
      .filter((n) => layout.nodes.has(n.id))
      .map((n) => ({
        id: n.id,
        type: 'entity',
        position: layout.nodes.get(n.id)!,
        data: { label: n.label, kind: n.kind, href: n.href, root: n.root },
      }));
    return [...groups, ...entities];
  }, [layout, visible.nodes]);

  const flowEdges = useMemo<Edge[]>(
    () =>
      visible.edges.map((e) => {
        const lit = hoverEdge === e.id || (hoverNode !== null && (e.source === hoverNode || e.target === hoverNode));
        return {
          id: e.id,
          source: e.source,
          target: e.target,
          // Labels only on hover: at depth 2+ every label at once covers the entities.
          label: lit ? e.label : undefined,
          markerEnd: { type: MarkerType.ArrowClosed, width: 14, height: 14 },
          labelBgPadding: [4, 2] as [number, number],
          labelStyle: { fontSize: 11 },
          style: { strokeWidth: lit ? 2 : 1, opacity: hoverNode && !lit ? 0.15 : lit ? 1 : 0.55 },
          zIndex: lit ? 10 : 0,
        };
      }),
    [visible.edges, hoverEdge, hoverNode],
  );

  const toggle = (set: Set<string>, value: string, update: (s: Set<string>) => void) => {
    const next = new Set(set);
    if (!next.delete(value)) next.add(value);
    update(next);
  };
  const types = count(edges, (e) => e.type);
  const labelOfType = new Map(edges.map((e) => [e.type, e.label]));

  return (
    <div className="space-y-2">
      <div className="flex flex-wrap items-center gap-x-4 gap-y-2">
        <div role="group" aria-label="Kinds" className="flex flex-wrap items-center gap-1.5">
          <span className="text-xs font-medium text-slate-500 dark:text-slate-400">Kinds</span>
          {count(
            nodes.filter((n) => !n.root),
            (n) => n.kind,
          ).map(([kind, n]) => (
            <Toggle
              key={kind}
              label={kind}
              count={n}
              on={!hiddenKinds.has(kind)}
              onClick={() => toggle(hiddenKinds, kind, setHiddenKinds)}
            />
          ))}
        </div>
        <div role="group" aria-label="Relations" className="flex flex-wrap items-center gap-1.5">
          <span className="text-xs font-medium text-slate-500 dark:text-slate-400">Relations</span>
          {types.map(([type, n]) => (
            <Toggle
              key={type}
              label={labelOfType.get(type) ?? type}
              count={n}
              on={!hiddenTypes.has(type)}
              onClick={() => toggle(hiddenTypes, type, setHiddenTypes)}
            />
          ))}
        </div>
        <button
          type="button"
          onClick={() => void flow.fitView({ padding: 0.08, duration: 200 })}
          className="ml-auto rounded-md border border-slate-300 px-2.5 py-1 text-xs font-medium hover:bg-slate-50 dark:border-slate-700 dark:hover:bg-slate-800"
        >
          Fit to view
        </button>
      </div>
      <div
        ref={box}
        data-testid="entity-graph"
        className="h-[70vh] min-h-[420px] w-full overflow-hidden rounded-lg border border-slate-200 bg-white dark:border-slate-800 dark:bg-slate-950"
      >
        <Lit.Provider value={neighbours}>
          <ReactFlow
            nodes={flowNodes}
            edges={flowEdges}
            nodeTypes={NODE_TYPES}
            minZoom={0.05}
            nodesConnectable={false}
            nodesDraggable={false}
            onEdgeMouseEnter={(_, e) => setHoverEdge(e.id)}
            onEdgeMouseLeave={() => setHoverEdge(null)}
            onNodeMouseEnter={(_, n) => n.type === 'entity' && setHoverNode(n.id)}
            onNodeMouseLeave={() => setHoverNode(null)}
            proOptions={{ hideAttribution: true }}
            colorMode="system"
          >
            <Background gap={20} size={1} />
            <Controls showInteractive={false} />
          </ReactFlow>
        </Lit.Provider>
      </div>
    </div>
  );
}
