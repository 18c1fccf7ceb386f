import type { Element, ElementContent, Root } from 'hast';

/**
 * Replaces each match of the global `pattern` in the page's text by the element `make` returns (or
 * leaves it when that is null), except inside elements whose tag `skip` matches (code, for one). A
 * match is found within one run of text only: text split by other elements (`==**bold**==`) is left
 * as it is.
 */
export function wrapTextMatches(tree: Root, pattern: RegExp, skip: RegExp, make: (m: RegExpExecArray) => Element | null): void {
  const visit = (node: Root | Element): void => {
    if (node.type === 'element' && skip.test(node.tagName)) return;
    const children: ElementContent[] = [];
    for (const child of node.children as ElementContent[]) {
      if (child.type === 'element') visit(child);
      if (child.type !== 'text') {
        children.push(child);
        continue;
      }
      let last = 0;
      for (const m of child.value.matchAll(pattern)) {
        const made = make(m as RegExpExecArray);
        if (!made) continue;
        if (m.index > last) children.push({ type: 'text', value: child.value.slice(last, m.index) });
        children.push(made);
        last = m.index + m[0].length;
      }
      if (last === 0) children.push(child);
      else if (last < child.value.length) children.push({ type: 'text', value: child.value.slice(last) });
    }
    node.children = children as typeof node.children;
  };
  visit(tree);
}
