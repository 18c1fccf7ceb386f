import type { Element, Root } from 'hast';

// Python-Markdown's attr_list (on in TechDocs through pymdownx.extra, and in most Material sites):
// `![arch](arch.png){ width="640" }`, `` `option`{ #option } ``, `[Get started](x.md){ .md-button }`,
// and a block's last line `{: .class }`. The list is taken off the text (it was shown as written)
// and what is safe of it is set on the element: an id (prefixed as the sanitiser prefixes ids), a
// title, and an image's size and alignment. Classes and other attributes are dropped: a class of
// the portal's own styles could make a page cover the portal, and styles could do the same.
// https://python-markdown.github.io/extensions/attr_list/

// The list is trimmed in code: blanks matched by the pattern both before and in the list made a
// `{a` and 100,000 spaces without `}` take 6 s (the square of the line). Tokens start only where a
// word starts, so a list of one long word is read once, not from each of its characters.
/** `{` (`{:`), the list, `}` right after an element: Python-Markdown's inline pattern. */
const INLINE = /^\{:?([^}\n]*)\}/;
/** A block's last line that is an attribute list. */
const BLOCK = /(?:^|\n)\{:?([^}\n]*)\}[ ]*$/;
const TOKEN = /(?<![\w-])(?:#([\w-]+)|\.[\w-]+|([\w-]+)=(?:"([^"]*)"|'([^']*)'|([^\s"']+)))/g;
const SIZE = /^\d+(?:\.\d+)?(?:px|%)?$/;
const ALIGN = /^(?:left|right|center|top|middle|bottom)$/i;
const BLOCK_TAGS = /^(?:p|li|dt|dd|td|th)$/;

export function applyAttrLists(tree: Root): void {
  const visit = (node: Root | Element): void => {
    if (node.type === 'element' && /^(?:pre|code)$/.test(node.tagName)) return;
    const heading = node.type === 'element' && /^h[1-6]$/.test(node.tagName);
    node.children.forEach((child, i) => {
      if (child.type === 'element') return visit(child);
      const before = node.children[i - 1];
      // A heading's trailing list is its anchor (render.ts headingAttr).
      if (child.type !== 'text' || before?.type !== 'element' || (heading && i === node.children.length - 1)) return;
      const m = INLINE.exec(child.value);
      if (!m?.[1].trim()) return;
      setAttributes(before, m[1]);
      child.value = child.value.slice(m[0].length);
    });
    const last = node.children[node.children.length - 1];
    if (node.type === 'element' && BLOCK_TAGS.test(node.tagName) && last?.type === 'text') {
      const m = BLOCK.exec(last.value);
      if (m?.[1].trim()) {
        setAttributes(node, m[1]);
        last.value = last.value.slice(0, m.index);
      }
    }
  };
  visit(tree);
}

function setAttributes(el: Element, list: string): void {
  for (const t of list.matchAll(TOKEN)) {
    const [, id, key, dq, sq, bare] = t;
    if (id) el.properties.id = `user-content-${id}`;
    if (!key) continue;
    const value = dq ?? sq ?? bare ?? '';
    if (key === 'title') el.properties.title = value;
    else if (el.tagName === 'img' && (key === 'width' || key === 'height') && SIZE.test(value)) el.properties[key] = value;
    else if (el.tagName === 'img' && key === 'align' && ALIGN.test(value)) el.properties.align = value.toLowerCase();
  }
}
