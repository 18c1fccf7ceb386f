import ELK from 'elkjs/lib/elk.bundled.js';
import { describe, expect, it } from 'vitest';
import { layoutGraph, NODE_HEIGHT, NODE_WIDTH, type LayoutEdge, type LayoutNode } from './graph-layout';

// A neighbourhood of 100 entities: a system, its owner, 40 components, 30 APIs, 28 resources.
function neighbourhood(): { nodes: LayoutNode[]; edges: LayoutEdge[] } {
  const nodes: LayoutNode[] = [
    { id: 'system:a', kind: 'System', label: 'a', root: true },
    { id: 'group:team', kind: 'Group', label: 'team', root: false },
  ];
  const edges: LayoutEdge[] = [{ id: 'e-own', source: 'system:a', target: 'group:team' }];
  const add = (kind: string, n: number) => {
    for (let i = 0; i < n; i++) {
      const id = `${kind.toLowerCase()}:${kind}-${i}`;
      nodes.push({ id, kind, label: `${kind}-${i}`, root: false });
      edges.push({ id: `e-${id}`, source: id, target: 'system:a' });
    }
  };
  add('Component', 40);
  add('API', 30);
  add('Resource', 28);
  return { nodes, edges };
}

const overlaps = (a: { x: number; y: number }, b: { x: number; y: number }) =>
  Math.abs(a.x - b.x) < NODE_WIDTH && Math.abs(a.y - b.y) < NODE_HEIGHT;

describe('layoutGraph', () => {
  it('places 100 entities in one box per kind, with no two entities overlapping', async () => {
    const { nodes, edges } = neighbourhood();
    const layout = await layoutGraph(new ELK(), nodes, edges);
    expect(layout.nodes.size).toBe(100);
    expect(layout.groups.map((g) => [g.kind, g.count]).sort()).toEqual([
      ['API', 30],
      ['Component', 40],
      ['Group', 1],
      ['Resource', 28],
      ['System', 1],
    ]);
    const points = [...layout.nodes.values()];
    for (let i = 0; i < points.length; i++) for (let j = i + 1; j < points.length; j++) expect(overlaps(points[i], points[j])).toBe(false);
    // Each entity lies inside its kind's box, and boxes do not overlap each other.
    for (const n of nodes) {
      const g = layout.groups.find((x) => x.kind === n.kind)!;
      const p = layout.nodes.get(n.id)!;
      expect(p.x >= g.x && p.x + NODE_WIDTH <= g.x + g.width && p.y >= g.y && p.y + NODE_HEIGHT <= g.y + g.height).toBe(true);
    }
    for (const a of layout.groups)
      for (const b of layout.groups) {
        if (a === b) continue;
        expect(a.x + a.width <= b.x || b.x + b.width <= a.x || a.y + a.height <= b.y || b.y + b.height <= a.y).toBe(true);
      }
  });

  it('keeps 100 entities compact: fitted to a 1200×700 view, the zoom stays at 0.4 or more', async () => {
    const { nodes, edges } = neighbourhood();
    const layout = await layoutGraph(new ELK(), nodes, edges);
    const right = Math.max(...layout.groups.map((g) => g.x + g.width));
    const bottom = Math.max(...layout.groups.map((g) => g.y + g.height));
    expect(Math.min(1200 / right, 700 / bottom)).toBeGreaterThanOrEqual(0.4);
  });
});
