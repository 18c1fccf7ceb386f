import { describe, expect, it } from 'vitest';
import type { Actor } from '@/lib/auth/permissions';
import { useTestConfig } from '@/testing/test-config';
import { dryRun } from './dry-run';

// Real Backstage templates, trimmed to the part that broke, run as the dry run runs them: each must
// run unchanged, as it does in Backstage.

useTestConfig('dry-run-backstage', 'integrations:\n  github:\n    - { host: github.com, token: never-used-in-a-dry-run }\n');

const member: Actor = { id: 'user:m1', name: 'Mallory', kind: 'user', userRef: null, roles: ['member'], leadOf: [], scope: 'write' };

// backstage/demo demo-template/template/template.yaml (the template of demo.backstage.io), trimmed to
// its RepoUrlPicker and its GitHub steps. Backstage's RepoUrlPicker puts the person's OAuth token in
// secrets.USER_OAUTH_TOKEN (requestUserCredentials); Wayfinder asks for none, so `or false` gives false.
const DEMO_TEMPLATE = `apiVersion: scaffolder.backstage.io/v1beta3
kind: Template
metadata:
  name: demo-template
  title: Demo Template
spec:
  owner: backstage/maintainers
  type: website
  parameters:
    - title: Choose a location
      required:
        - repoUrl
      properties:
        repoUrl:
          title: Enter an Owner and Repository Name
          type: string
          ui:field: RepoUrlPicker
          ui:options:
            requestUserCredentials:
              secretsKey: USER_OAUTH_TOKEN
            allowedHosts:
              - github.com
  steps:
    - id: publish
      name: Publish
      action: publish:github
      input:
        allowedHosts: ['github.com']
        repoUrl: \${{ parameters.repoUrl }}
        token: \${{ secrets.USER_OAUTH_TOKEN or false }}
        repoVisibility: public
        defaultBranch: main
        description: Repository Created by Demo Template
    - id: dispatch-workflow
      name: Dispatch Github Action Workflow
      action: github:actions:dispatch
      input:
        repoUrl: \${{ parameters.repoUrl }}
        workflowId: pages.yml
        branchOrTagName: main
        token: \${{ secrets.USER_OAUTH_TOKEN or false }}
  output:
    links:
      - url: \${{steps.publish.output.remoteUrl}}
        title: 'GitHub Repository'
`;

describe('Backstage templates in a dry run', () => {
  it("runs backstage/demo's template, whose token is `secrets.USER_OAUTH_TOKEN or false`, with the integration", async () => {
    const result = await dryRun(member, {
      template: DEMO_TEMPLATE,
      values: { repoUrl: 'github.com?owner=acme&repo=landing' },
      secrets: {},
      directoryContents: [],
    });
    expect(result.log.filter((l) => l.body.status === 'failed')).toEqual([]);
    expect(result.steps.map((s) => [s.id, s.status])).toEqual([
      ['publish', 'completed'],
      ['dispatch-workflow', 'completed'],
    ]);
    expect(result.output).toEqual({ links: [{ url: 'https://github.com/acme/landing.git', title: 'GitHub Repository' }] });
  });

  // The example of Backstage's fetch:template:file documentation (scaffolder-backend's action
  // reference); the action was unknown here, so the template failed.
  it('runs fetch:template:file as documented: one file rendered with its values, at targetPath', async () => {
    const template = `apiVersion: scaffolder.backstage.io/v1beta3
kind: Template
metadata:
  name: fetch-file
spec:
  owner: group:default/team-a
  type: service
  steps:
    - action: fetch:template:file
      id: fetch-template-file
      name: Fetch template file
      input:
        url: './skeleton.txt'
        targetPath: './target/skeleton.txt'
        values:
          name: 'test-project'
          count: 1234
          itemList: ['first', 'second', 'third']
    - action: fetch:template:file
      id: again
      input:
        url: './skeleton.txt'
        targetPath: './target/skeleton.txt'
        values: { name: 'kept', count: 0, itemList: [] }
`;
    const skeleton = 'name: ${{ values.name }}\ncount: ${{ values.count }}\n{% for item in values.itemList %}- ${{ item }}\n{% endfor %}';
    const result = await dryRun(member, {
      template,
      values: {},
      secrets: {},
      directoryContents: [{ path: 'skeleton.txt', base64Content: Buffer.from(skeleton).toString('base64'), executable: false }],
    });
    expect(result.steps.map((s) => [s.id, s.status])).toEqual([
      ['fetch-template-file', 'completed'],
      ['again', 'completed'],
    ]);
    const written = result.directoryContents.find((f) => f.path === 'target/skeleton.txt');
    expect(Buffer.from(written!.base64Content, 'base64').toString()).toBe('name: test-project\ncount: 1234\n- first\n- second\n- third\n');
    // The second step kept it: replace is false.
    expect(result.log.map((l) => l.body.message)).toContain('Keeping target/skeleton.txt: it exists and replace is false');
  });

  // Backstage's fs:readdir examples (scaffolder-backend's read.examples.ts): the action was unknown.
  it('runs fs:readdir as documented: the files and folders of workspace folders, recursively when asked', async () => {
    const template = (steps: string) => `apiVersion: scaffolder.backstage.io/v1beta3
kind: Template
metadata:
  name: readdir
spec:
  owner: group:default/team-a
  type: service
  steps:
    - action: fetch:plain
      id: fetch
      input: { url: ./skeleton }
${steps}
  output:
    top: \${{ steps['read-workdir'].output }}
    deep: \${{ steps['read-docs'].output }}
`;
    const file = (p: string) => ({ path: `skeleton/${p}`, base64Content: Buffer.from(p).toString('base64'), executable: false });
    const directoryContents = [file('README.md'), file('docs/index.md'), file('docs/guides/setup.md'), file('src/main.ts')];
    const result = await dryRun(member, {
      template: template(`    - action: fs:readdir
      id: read-workdir
      name: Read workspace directory
      input:
        paths: ['.']
    - action: fs:readdir
      id: read-docs
      input:
        paths: [docs, src]
        recursive: true`),
      values: {},
      secrets: {},
      directoryContents,
    });
    type Listing = Record<'files' | 'folders', { name: string; path: string; fullPath: string }[]>;
    const { top, deep } = result.output as { top: Listing; deep: Listing };
    const paths = (l: Listing) => [l.files.map((f) => f.path), l.folders.map((f) => f.path)];
    expect(paths(top)).toEqual([['README.md'], ['docs', 'src']]);
    expect(paths(deep)).toEqual([['docs/guides/setup.md', 'docs/index.md', 'src/main.ts'], ['docs/guides']]);
    expect(deep.files[0]).toMatchObject({ name: 'setup.md', fullPath: expect.stringMatching(/\/docs\/guides\/setup\.md$/) });

    const missing = await dryRun(member, {
      template: template('    - { action: fs:readdir, id: read-workdir, input: { paths: [nope] } }'),
      values: {},
      secrets: {},
      directoryContents,
    });
    expect(missing.steps.map((s) => s.status)).toEqual(['completed', 'failed']);
    expect(missing.log.map((l) => l.body.message).join('\n')).toContain('paths: the workspace has no folder nope');
  });

  // Backstage's fetch:template and fetch:template:file take Nunjucks' trimBlocks (the newline after a
  // block tag goes) and lstripBlocks (so does the indentation before one); they were dropped, and
  // every {% %} line left a blank or indented line in the files.
  it('renders skeletons with trimBlocks and lstripBlocks as Backstage does', async () => {
    const template = `apiVersion: scaffolder.backstage.io/v1beta3
kind: Template
metadata:
  name: whitespace
spec:
  owner: group:default/team-a
  type: service
  steps:
    - action: fetch:template
      id: both
      input: { url: ./skeleton, targetPath: both, values: { items: [a, b] }, trimBlocks: true, lstripBlocks: true }
    - action: fetch:template
      id: neither
      input: { url: ./skeleton, targetPath: neither, values: { items: [a, b] } }
    - action: fetch:template:file
      id: trim
      input: { url: ./skeleton/list.yaml, targetPath: trim/list.yaml, values: { items: [a, b] }, trimBlocks: true }
`;
    const skeleton = 'items:\n  {% for item in values.items %}\n  - ${{ item }}\n  {% endfor %}\ndone\n';
    const result = await dryRun(member, {
      template,
      values: {},
      secrets: {},
      directoryContents: [{ path: 'skeleton/list.yaml', base64Content: Buffer.from(skeleton).toString('base64'), executable: false }],
    });
    expect(result.steps.map((s) => s.status)).toEqual(['completed', 'completed', 'completed']);
    const file = (p: string) => Buffer.from(result.directoryContents.find((f) => f.path === p)!.base64Content, 'base64').toString();
    expect(file('both/list.yaml')).toBe('items:\n  - a\n  - b\ndone\n');
    expect(file('neither/list.yaml')).toBe('items:\n  \n  - a\n  \n  - b\n  \ndone\n');
    expect(file('trim/list.yaml')).toBe('items:\n    - a\n    - b\n  done\n');
  });
});
