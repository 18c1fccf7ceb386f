'use client';

import '@xyflow/react/dist/style.css';
import { Background, Controls, Handle, MarkerType, Position, ReactFlow, type Edge, type Node, type NodeProps } from '@xyflow/react';
import { useMemo } from 'react';

export type GraphViewNode = { id: string; label: string; kind: string; href: string | null; root: boolean; x: number; y: number };
export type GraphViewEdge = { id: string; source: string; target: string; label: string };

type EntityNodeData = { label: string; kind: string; href: string | null; root: boolean };

function EntityNode({ data }: NodeProps<Node<EntityNodeData>>) {
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
    <div className={`w-52 rounded-md border px-3 py-1.5 shadow-sm ${box}`} title={data.href ? undefined : 'not in the catalog'}>
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

const NODE_TYPES = { entity: EntityNode };

/** The relation graph around an entity; positions come from the server, nodes link to entity pages. */
export function EntityGraph({ nodes, edges }: { nodes: GraphViewNode[]; edges: GraphViewEdge[] }) {
  const flowNodes = useMemo<Node<EntityNodeData>[]>(
    () => nodes.map((n) => ({ id: n.id, type: 'entity', position: { x: n.x, y: n.y }, data: { label: n.label, kind: n.kind, href: n.href, root: n.root }, draggable: true })),
    [nodes],
  );
  const flowEdges = useMemo<Edge[]>(
    () =>
      edges.map((e) => ({
        id: e.id,
        source: e.source,
        target: e.target,
        label: e.label,
        markerEnd: { type: MarkerType.ArrowClosed, width: 16, height: 16 },
        labelBgPadding: [4, 2] as [number, number],
        labelStyle: { fontSize: 10 },
        style: { strokeWidth: 1.25 },
      })),
    [edges],
  );
  return (
    <div className="h-[640px] w-full overflow-hidden rounded-lg border border-slate-200 bg-white dark:border-slate-800 dark:bg-slate-950">
      <ReactFlow
        nodes={flowNodes}
        edges={flowEdges}
        nodeTypes={NODE_TYPES}
        fitView
        fitViewOptions={{ padding: 0.15 }}
        minZoom={0.1}
        nodesConnectable={false}
        proOptions={{ hideAttribution: true }}
        colorMode="system"
      >
        <Background gap={20} size={1} />
        <Controls showInteractive={false} />
      </ReactFlow>
    </div>
  );
}
