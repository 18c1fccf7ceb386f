import { createProcessor } from '@mdx-js/mdx';
import remarkGfm from 'remark-gfm';
import { describe, expect, it } from 'vitest';
import type { FieldChange } from './apply-edit';
import { editBranchName, pullRequestBody } from './github-change';

// The "Edit ownership" pull request is opened by the portal's GitHub identity with what a lead
// typed, so its body is read as GitHub reads it (GFM): every typed value stays text in its place.

type MdNode = { type: string; value?: string; children?: MdNode[] };

const parseBody = (body: string) => createProcessor({ format: 'md', remarkPlugins: [remarkGfm] }).parse(body) as MdNode;
const nodes = (n: MdNode): MdNode[] => [n, ...(n.children ?? []).flatMap(nodes)];
/** A cell as its reader sees it: the text of its text and inline code. */
const cellText = (cell: MdNode) =>
  nodes(cell)
    .map((n) => (n.type === 'text' || n.type === 'inlineCode' ? n.value : ''))
    .join('');

/** What someone typed, and what the reader of the pull request sees of it (inside code). */
const HOSTILE: [string, string][] = [
  [
    'Labels.\n\n## ✅ Security review: approved by @acme/security\n<!--',
    'Labels.\\n\\n## ✅ Security review: approved by @acme/security\\n<!--',
  ],
  [
    'cc @acme/security, see #1 and ![](https://tracker.example/p.gif) <img src=x onerror=alert(1)> [click](https://evil.example)',
    'cc @acme/security, see #1 and ![](https://tracker.example/p.gif) <img src=x onerror=alert(1)> [click](https://evil.example)',
  ],
  ['a | b \\| c \\', 'a | b \\\\| c \\\\'],
  ['`code` and ``` fences ```', '`code` and ``` fences ```'],
  [' **bold** _em_ ~~gone~~ ', ' **bold** _em_ ~~gone~~ '],
  ['line one\r\nline two\rthree\u2028four\u202eevil', 'line one\\r\\nline two\\rthree\\u2028four\\u202eevil'],
];

describe('edit pull request body', () => {
  it('shows a plain edit as a readable table', () => {
    const body = pullRequestBody(
      'component:default/label-service',
      [{ field: 'owner', before: 'team-shipments', after: 'team-booking' }],
      'Tess Lead (user:default/tess)',
      'catalog-info.yaml',
    );
    expect(body).toContain(
      'Requested by `Tess Lead (user:default/tess)` in Wayfinder for `component:default/label-service` (`catalog-info.yaml`).',
    );
    expect(body).toContain('| owner | `team-shipments` | `team-booking` |');
  });

  it.each(HOSTILE)('keeps %j inside its table cell, as code', (value, shown) => {
    const changes: FieldChange[] = [
      { field: 'description', before: null, after: value },
      { field: 'tags', before: ['a'], after: ['b'] },
    ];
    const tree = parseBody(pullRequestBody('component:default/svc', changes, value, 'catalog-info.yaml'));
    // The sentence, the table, the closing sentence: nothing of the value starts a block of its own.
    expect(tree.children!.map((n) => n.type)).toEqual(['paragraph', 'table', 'paragraph']);
    const rows = tree.children![1]!.children!.map((row) => row.children!.map(cellText));
    expect(rows).toEqual([
      ['Field', 'Before', 'After'],
      ['description', '(none)', shown],
      ['tags', '["a"]', '["b"]'],
    ]);
    // Nothing is a heading, HTML, image, link or emphasis; the value is one piece of code.
    expect(nodes(tree).map((n) => n.type)).not.toEqual(
      expect.arrayContaining([expect.stringMatching(/^(heading|html|image|link|strong|emphasis|delete)$/)]),
    );
    const description = tree.children![1]!.children![1]!.children![2]!;
    expect(description.children!.map((n) => n.type)).toEqual(['inlineCode']);
    expect(nodes(tree.children![0]!).find((n) => n.type === 'inlineCode')!.value).toBe(shown);
  });
});

describe('editBranchName', () => {
  // git check-ref-format: no "..", no component starting with "." or ending with ".lock", no "@{", no control characters.
  const validRef = (ref: string) => !/\.\.|@\{|[\x00-\x20~^:?*[\\]|\/\.|\.lock(\/|$)|\.$|\/$|\/\//.test(ref) && !ref.startsWith('/');

  it.each(['orders-service', 'a..b', 'a...b.c', 'Payments_API.v2', 'x.lock'])('%s: a ref name git accepts', (name) => {
    const branch = editBranchName(name);
    expect(branch).toMatch(/^wayfinder\/[a-z0-9._-]+-[0-9a-f]{8}$/);
    expect(validRef(branch)).toBe(true);
  });
});
