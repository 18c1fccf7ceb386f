import type { Code, Nodes, Parent, Root, RootContent } from 'mdast';
import type { MdxJsxAttribute, MdxJsxExpressionAttribute } from 'mdast-util-mdx-jsx';
import { toString as mdastText } from 'mdast-util-to-string';
import type { VFile } from 'vfile';
import { parseMarker } from './blocks';
import { DocsCompileError } from './compile-error';

// remark stage of the docs pipeline: what MDX may contain, and Wayfinder's own blocks.

/** The components an MDX page may use; everything else with a capital letter is refused. */
const DOCS_COMPONENTS = ['Callout', 'Tabs', 'Tab', 'Details', 'Mermaid'] as const;

export type Slot = { kind: 'code'; code: string; lang: string | null; meta: string | null } | { kind: 'mermaid'; code: string };

/** What the plugins need of the page being compiled; in `file.data.wf`, so processors are reused. */
export type PageContext = { file: string; srcLine: (line: number | undefined) => number; slots: Slot[] };

const contextOf = (vfile: VFile): PageContext => (vfile.data as { wf: PageContext }).wf;

type WfNode = { type: 'wfBlock'; children: RootContent[]; data: { hName: string; hProperties: Record<string, string> } };

const block = (props: Record<string, string>, children: RootContent[] = []): WfNode => ({
  type: 'wfBlock',
  children,
  data: { hName: 'div', hProperties: props },
});

function childrenOf(node: Nodes): RootContent[] | null {
  return 'children' in node ? (node.children as RootContent[]) : null;
}

/**
 * Refuses what would run code: ESM (`import`/`export`), `{expressions}`, JSX attribute
 * expressions, and components outside DOCS_COMPONENTS. Allowed components and plain HTML-like
 * elements (lowercase, literal attributes only) become ordinary elements for the sanitiser.
 */
export function remarkSafeMdx() {
  return (tree: Root, vfile: VFile) => checkMdx(tree, contextOf(vfile));
}

function checkMdx(tree: Root, options: PageContext): void {
  const fail = (node: Nodes, reason: string): never => {
    throw new DocsCompileError(options.file, options.srcLine(node.position?.start.line), node.position?.start.column ?? 1, reason);
  };
  const visit = (node: Nodes): void => {
    switch (node.type) {
      case 'mdxjsEsm':
        fail(node, 'import/export statements are not allowed in docs (no code from a page runs); remove them, or rename the file to .md');
        break;
      case 'mdxFlowExpression':
      case 'mdxTextExpression':
        fail(node, 'JavaScript expressions ({…}) are not allowed in docs; write \\{ for a literal brace, or rename the file to .md');
        break;
      case 'mdxJsxFlowElement':
      case 'mdxJsxTextElement': {
        const attrs: Record<string, string> = {};
        for (const a of node.attributes as (MdxJsxAttribute | MdxJsxExpressionAttribute)[]) {
          if (a.type === 'mdxJsxExpressionAttribute' || (a.value !== null && typeof a.value === 'object')) {
            fail(node, `attribute expressions are not allowed in docs (<${node.name ?? ''} … {…}>); give attributes as plain strings`);
          }
          attrs[(a as MdxJsxAttribute).name] = typeof a.value === 'string' ? a.value : '';
        }
        const name = node.name;
        let replacement: Nodes;
        if (!name)
          replacement = {
            type: 'wfBlock',
            children: node.children as RootContent[],
            data: { hName: 'div', hProperties: {} },
          } as unknown as Nodes;
        else if (/^[a-z][a-z0-9-]*$/.test(name)) {
          const { class: className, ...rest } = attrs;
          replacement = {
            type: 'wfBlock',
            children: node.children as RootContent[],
            data: { hName: name, hProperties: { ...rest, ...(className ? { className } : {}) } },
          } as unknown as Nodes;
        } else if (name === 'Callout' || name === 'Details') {
          const props = {
            dataWfBlock: name === 'Callout' ? 'admonition' : 'details',
            dataWfType: attrs.type ?? 'note',
            dataWfTitle: attrs.title ?? titleOf(attrs.type ?? 'note'),
            dataWfOpen: 'open' in attrs ? '1' : '0',
          };
          replacement = block(props, node.children as RootContent[]) as unknown as Nodes;
        } else if (name === 'Tabs') replacement = block({ dataWfBlock: 'tabs' }, node.children as RootContent[]) as unknown as Nodes;
        else if (name === 'Tab')
          replacement = block(
            { dataWfBlock: 'tab', dataWfTitle: attrs.title ?? attrs.label ?? '' },
            node.children as RootContent[],
          ) as unknown as Nodes;
        else if (name === 'Mermaid')
          replacement = { type: 'code', lang: 'mermaid', meta: null, value: attrs.chart ?? mdastText(node) } as Code;
        else return fail(node, `<${name}> is not available in docs; the components are ${DOCS_COMPONENTS.map((c) => `<${c}>`).join(', ')}`);
        Object.keys(node).forEach((k) => k !== 'position' && delete (node as unknown as Record<string, unknown>)[k]);
        Object.assign(node, replacement);
        break;
      }
    }
    childrenOf(node)?.forEach(visit);
  };
  visit(tree);
}

function titleOf(type: string): string {
  return type.charAt(0).toUpperCase() + type.slice(1);
}

/** Admonition/details/tab markers (blocks.ts) become containers; code fences become slots. */
export function remarkBlocks() {
  return (tree: Root, vfile: VFile) => transformBlocks(tree, contextOf(vfile).slots);
}

function transformBlocks(tree: Root, slots: Slot[]): void {
  const transform = (parent: Parent): void => {
    for (const child of parent.children) if ('children' in child) transform(child as Parent);
    const out: RootContent[] = [];
    const stack: WfNode[] = [];
    const push = (n: RootContent) => (stack.length ? stack[stack.length - 1].children : out).push(n);
    for (const child of parent.children) {
      if (child.type === 'code') {
        const { lang, meta } = fenceInfo(child.lang ?? null, child.meta ?? null);
        slots.push(
          lang?.toLowerCase() === 'mermaid' ? { kind: 'mermaid', code: child.value } : { kind: 'code', code: child.value, lang, meta },
        );
        push(block({ dataWfSlot: String(slots.length - 1) }) as unknown as RootContent);
        continue;
      }
      const marker =
        child.type === 'paragraph' && child.children.length === 1 && child.children[0].type === 'text'
          ? parseMarker(child.children[0].value.trim())
          : null;
      if (marker === 'close') {
        const done = stack.pop();
        if (done) push(done as unknown as RootContent);
        continue;
      }
      if (marker) {
        stack.push(
          block({ dataWfBlock: marker.kind, dataWfType: marker.type, dataWfTitle: marker.title, dataWfOpen: marker.open ? '1' : '0' }),
        );
        continue;
      }
      push(child);
    }
    while (stack.length) {
      const done = stack.pop()!;
      push(done as unknown as RootContent);
    }
    const inTabs =
      (parent as unknown as WfNode).type === 'wfBlock' && (parent as unknown as WfNode).data.hProperties.dataWfBlock === 'tabs';
    parent.children = inTabs ? out : groupTabs(out);
  };
  transform(tree);
}

/**
 * A fence's language and options. SuperFences also takes them as an attribute list, the first class
 * being the language: ```` ```{.yaml title="a.yml" linenums="1"} ````.
 */
function fenceInfo(lang: string | null, meta: string | null): { lang: string | null; meta: string | null } {
  const info = `${lang ?? ''} ${meta ?? ''}`.trim();
  if (!info.startsWith('{') || !info.endsWith('}')) return { lang, meta };
  const inner = info.slice(1, -1);
  const cls = /(?:^|\s)\.([^\s.#=]+)/.exec(inner);
  return { lang: cls?.[1] ?? null, meta: cls ? inner.slice(0, cls.index) + inner.slice(cls.index + cls[0].length) : inner };
}

/** Consecutive tabs form one tab set (pymdownx.tabbed); consecutive definition lists, one list. */
function groupTabs(nodes: RootContent[]): RootContent[] {
  const out: RootContent[] = [];
  for (const n of nodes) {
    const kind = (n as unknown as WfNode).type === 'wfBlock' ? (n as unknown as WfNode).data.hProperties.dataWfBlock : null;
    const isTab = kind === 'tab';
    const last = out[out.length - 1] as unknown as WfNode | undefined;
    if (kind === 'deflist' && last?.type === 'wfBlock' && last.data.hProperties.dataWfBlock === 'deflist') {
      last.children.push(...(n as unknown as WfNode).children);
    } else if (
      isTab &&
      last?.type === 'wfBlock' &&
      last.data.hProperties.dataWfBlock === 'tabs' &&
      last.data.hProperties.dataWfGrouped === '1'
    ) {
      last.children.push(n);
    } else if (isTab) {
      out.push({
        ...block({ dataWfBlock: 'tabs' }, [n]),
        data: { hName: 'div', hProperties: { dataWfBlock: 'tabs', dataWfGrouped: '1' } },
      } as unknown as RootContent);
    } else out.push(n);
  }
  return out;
}
