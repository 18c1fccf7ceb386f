import type { ELK, ElkNode } from 'elkjs/lib/elk-api';

// Layout of the relation graph: entities are grouped by kind (one box per kind, its entities in a
// compact grid inside), and ELK's layered algorithm places the kind boxes in layers along the
// relations between them. Layering whole groups keeps a 100-entity neighbourhood in a few boxes
// instead of one column a hundred rows tall, and no two entities ever overlap.

export type LayoutNode = { id: string; kind: string; label: string; root: boolean };
export type LayoutEdge = { id: string; source: string; target: string };
export type Box = { x: number; y: number; width: number; height: number };
export type GraphLayout = { groups: (Box & { kind: string; count: number })[]; nodes: Map<string, { x: number; y: number }> };

export const NODE_WIDTH = 208;
export const NODE_HEIGHT = 46;
const GAP_X = 16;
const GAP_Y = 12;
const PADDING = 16;
const HEADER = 28;

/** Kinds from "organisation" to "infrastructure", the order boxes take when relations do not decide. */
const KIND_ORDER = ['Domain', 'System', 'Group', 'User', 'Component', 'API', 'Resource', 'Template', 'Location'];
const kindRank = (kind: string) => {
  const i = KIND_ORDER.indexOf(kind);
  return i === -1 ? KIND_ORDER.length : i;
};

/** The grid of one kind box: the root first, then by label; as many columns as rows (entities are wide, so the box is landscape). */
function gridOf(nodes: LayoutNode[]): { width: number; height: number; cells: Map<string, { x: number; y: number }> } {
  const sorted = [...nodes].sort((a, b) => Number(b.root) - Number(a.root) || a.label.localeCompare(b.label));
  const columns = Math.max(1, Math.ceil(Math.sqrt(sorted.length)));
  const rows = Math.ceil(sorted.length / columns);
  const cells = new Map<string, { x: number; y: number }>();
  sorted.forEach((n, i) => {
    const col = Math.floor(i / rows);
    const row = i % rows;
    cells.set(n.id, { x: PADDING + col * (NODE_WIDTH + GAP_X), y: HEADER + PADDING + row * (NODE_HEIGHT + GAP_Y) });
  });
  return {
    width: PADDING * 2 + columns * NODE_WIDTH + (columns - 1) * GAP_X,
    height: HEADER + PADDING * 2 + rows * NODE_HEIGHT + (rows - 1) * GAP_Y,
    cells,
  };
}

/**
 * Positions of every node (absolute) and of each kind box: laid out left to right and top to
 * bottom, keeping the one that fits `view` at the larger zoom (names stay readable).
 */
export async function layoutGraph(
  elk: Pick<ELK, 'layout'>,
  nodes: LayoutNode[],
  edges: LayoutEdge[],
  view = { width: 1200, height: 700 },
): Promise<GraphLayout> {
  const candidates = await Promise.all((['RIGHT', 'DOWN'] as const).map((direction) => layoutIn(direction, elk, nodes, edges)));
  const zoom = (l: GraphLayout) => {
    const right = Math.max(1, ...l.groups.map((g) => g.x + g.width));
    const bottom = Math.max(1, ...l.groups.map((g) => g.y + g.height));
    return Math.min(view.width / right, view.height / bottom);
  };
  return zoom(candidates[0]) >= zoom(candidates[1]) ? candidates[0] : candidates[1];
}

async function layoutIn(
  direction: 'RIGHT' | 'DOWN',
  elk: Pick<ELK, 'layout'>,
  nodes: LayoutNode[],
  edges: LayoutEdge[],
): Promise<GraphLayout> {
  const byKind = new Map<string, LayoutNode[]>();
  for (const n of nodes) byKind.set(n.kind, [...(byKind.get(n.kind) ?? []), n]);
  const kindOf = new Map(nodes.map((n) => [n.id, n.kind]));
  const grids = new Map([...byKind].map(([kind, list]) => [kind, gridOf(list)]));

  // One edge per pair of kinds that any relation connects (a relation inside a kind stays inside its box).
  const kindEdges = new Set<string>();
  for (const e of edges) {
    const [a, b] = [kindOf.get(e.source), kindOf.get(e.target)];
    if (a && b && a !== b) kindEdges.add(`${a}\u0000${b}`);
  }
  const kinds = [...byKind.keys()].sort((a, b) => kindRank(a) - kindRank(b));
  const graph: ElkNode = {
    id: 'graph',
    layoutOptions: {
      'elk.algorithm': 'layered',
      'elk.direction': direction,
      'elk.spacing.nodeNode': '32',
      'elk.layered.spacing.nodeNodeBetweenLayers': '64',
      'elk.layered.considerModelOrder.strategy': 'NODES_AND_EDGES',
      'elk.layered.cycleBreaking.strategy': 'MODEL_ORDER',
    },
    children: kinds.map((kind) => ({ id: kind, width: grids.get(kind)!.width, height: grids.get(kind)!.height })),
    edges: [...kindEdges].map((k, i) => {
      const [a, b] = k.split('\u0000');
      return { id: `k${i}`, sources: [a], targets: [b] };
    }),
  };
  const placed = await elk.layout(graph);
  const layout: GraphLayout = { groups: [], nodes: new Map() };
  for (const child of placed.children ?? []) {
    const grid = grids.get(child.id)!;
    const [x, y] = [child.x ?? 0, child.y ?? 0];
    layout.groups.push({ kind: child.id, count: byKind.get(child.id)!.length, x, y, width: grid.width, height: grid.height });
    for (const [id, cell] of grid.cells) layout.nodes.set(id, { x: x + cell.x, y: y + cell.y });
  }
  return layout;
}
