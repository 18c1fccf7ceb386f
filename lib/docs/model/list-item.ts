import type { List, ListItem, Parents } from 'mdast';
import { defaultHandlers, type State } from 'mdast-util-to-hast';

// mdast-util-to-hast's listItem asks of every item whether its list is loose, and answers by reading
// every item of the list (listLoose): a list of 50,000 items (200 KB of `- x`; a page may hold
// 1 MB) took 17.5 s of the build. Here each list is read once. A loose list is handed over as
// `spread` (which the default handler reads first); a tight one as no list at all, so that the
// default handler asks the item alone, which in a tight list is tight too.

const looseness = new WeakMap<List, boolean>();

const itemLoose = (item: ListItem) => (item.spread === null || item.spread === undefined ? item.children.length > 1 : item.spread);

export function listItem(state: State, node: ListItem, parent: Parents | undefined) {
  if (parent?.type !== 'list') return defaultHandlers.listItem(state, node, parent);
  let loose = looseness.get(parent);
  if (loose === undefined) {
    loose = Boolean(parent.spread) || parent.children.some(itemLoose);
    looseness.set(parent, loose);
  }
  return defaultHandlers.listItem(state, node, loose ? { type: 'list', spread: true, children: [] } : undefined);
}
