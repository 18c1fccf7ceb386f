import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { registerLocation } from '@/lib/catalog/location-admin';
import { buildDocs, getDocsPage, getDocsSite } from '@/lib/docs';
import { useTestDb } from '@/testing/test-db';
import type { GitHubStandIn } from '@/standins/github/server';
import { SEED_TOKEN } from '@/standins/github/seed';
import { startGithubEnvironment, until, type GithubEnvironment } from '@/testing/github-environment';

// Docs read from GitHub through the integration, against the stand-in: one tree call per build
// (free when unchanged: conditional request), blob reads only for changed files, pushes rebuild
// through the webhook, and a revoked token leaves the last good build with a notice.

useTestDb();
const SECRET = 'docs-webhook-secret';
const REF = 'component:default/shipments-service';
let env: GithubEnvironment;
let gh: GitHubStandIn;

/** Calls that counted against the rate limit (a 304 does not) while `run` ran. */
async function callsDuring(run: () => Promise<unknown>): Promise<number> {
  const before = gh.state.world.rateLimit.remaining;
  await run();
  return before - gh.state.world.rateLimit.remaining;
}

beforeAll(async () => {
  env = await startGithubEnvironment(SECRET);
  gh = env.gh;
  await registerLocation({ type: 'url', target: `${gh.url}/acme/shipments-service/blob/main/catalog-info.yaml` });
}, 60_000);

afterAll(() => env?.close());

describe('docs from a GitHub repository', () => {
  it('builds the site from the repository, with "Edit this page" data and no problems', async () => {
    expect(await buildDocs(REF)).toMatchObject({ ok: true, problems: 0 });
    const site = await getDocsSite(REF);
    expect(site).toMatchObject({
      sourceType: 'github',
      source: `${gh.url}/acme/shipments-service/tree/main`,
      siteName: 'Shipments Service',
      repoUrl: 'https://github.com/acme/shipments-service',
    });
    const runbook = await getDocsPage(REF, 'runbook');
    expect(runbook?.html).toContain('Rotate the shipments-service DB password');
    expect(await getDocsPage(REF, 'events')).toMatchObject({ title: 'Event schemas', error: null });
  });

  it('costs no rate limit when nothing changed, and one tree call plus one blob read after a one-page change', async () => {
    expect(await callsDuring(() => buildDocs(REF))).toBe(0);
    gh.state.setWebhook(null);
    try {
      gh.state.commitFiles('acme/shipments-service', {
        message: 'Typo',
        files: { 'docs/architecture.md': '# Architecture\n\nFixed a typo.\n' },
      });
      expect(await callsDuring(() => buildDocs(REF))).toBe(2);
    } finally {
      gh.state.setWebhook({ url: `${env.appUrl}/api/webhooks/github`, secret: SECRET });
    }
    expect((await getDocsPage(REF, 'architecture'))?.html).toContain('Fixed a typo.');
  });

  it('shows a pushed change through the webhook', async () => {
    const started = Date.now();
    gh.state.commitFiles('acme/shipments-service', {
      message: 'Runbook update',
      files: { 'docs/runbook.md': '# Runbook\n\n## Pushed section\n\nFresh from a push.\n' },
    });
    await gh.state.flushWebhooks();
    const page = await until(
      () => getDocsPage(REF, 'runbook'),
      (p) => Boolean(p?.html.includes('Fresh from a push.')),
    );
    expect(page?.html).toContain('Fresh from a push.');
    expect(page?.toc).toEqual([{ depth: 2, id: 'pushed-section', text: 'Pushed section' }]);
    expect(Date.now() - started).toBeLessThan(10_000);
  });

  it('keeps the last good build with a notice of what failed when the token is revoked', async () => {
    gh.state.revokeToken(SEED_TOKEN);
    try {
      gh.state.setWebhook(null);
      gh.state.commitFiles('acme/shipments-service', { message: 'Unseen', files: { 'docs/index.md': '# Never built\n' } });
      const result = await buildDocs(REF);
      expect(result).toMatchObject({ ok: false, message: expect.stringContaining('revoked') });
      const site = await getDocsSite(REF);
      expect(site?.failure).toContain('revoked');
      expect(site?.failedAt).toBeInstanceOf(Date);
      expect((await getDocsPage(REF, 'runbook'))?.html).toContain('Fresh from a push.');
    } finally {
      gh.state.issueToken(gh.state.actor!, ['repo', 'read:org', 'user:email', 'workflow'], SEED_TOKEN);
      gh.state.setWebhook({ url: `${env.appUrl}/api/webhooks/github`, secret: SECRET });
    }
    // The next good build clears the notice.
    expect(await buildDocs(REF)).toMatchObject({ ok: true });
    expect((await getDocsSite(REF))?.failure).toBeNull();
  });

  // A site whose mkdocs.yml sets docs_dir to another folder than docs/ (a setting MkDocs and
  // Wayfinder support): a push to that folder was not seen as a docs change (only mkdocs.yml and
  // docs/ were), so the site waited for the periodic reconciliation.
  it('rebuilds through the webhook when a push changes the docs_dir that mkdocs.yml names', async () => {
    const ref = 'component:default/handbook-dir';
    gh.state.createRepo('acme', {
      name: 'handbook-dir',
      files: {
        'catalog-info.yaml':
          'apiVersion: backstage.io/v1alpha1\nkind: Component\nmetadata:\n  name: handbook-dir\n  annotations:\n    backstage.io/techdocs-ref: dir:.\nspec:\n  type: documentation\n  lifecycle: production\n  owner: team-a\n',
        'mkdocs.yml': 'site_name: Handbook\ndocs_dir: documentation\n',
        'documentation/index.md': '# Handbook\n\nFirst edition.\n',
      },
    });
    await registerLocation({ type: 'url', target: `${gh.url}/acme/handbook-dir/blob/main/catalog-info.yaml` });
    expect(await buildDocs(ref)).toMatchObject({ ok: true, compiled: 1 });
    gh.state.commitFiles('acme/handbook-dir', { message: 'Edit', files: { 'documentation/index.md': '# Handbook\n\nSecond edition.\n' } });
    await gh.state.flushWebhooks();
    const page = await until(
      () => getDocsPage(ref, ''),
      (p) => Boolean(p?.html.includes('Second edition.')),
    );
    expect(page?.html).toContain('Second edition.');
  });

  // GitHub lists at most 100,000 entries of a tree in one answer (the rest: `truncated: true`);
  // the stand-in's limit is lowered so that a small repository is a monorepo past it.
  it('reads a docs folder of a repository too large for one tree, and never builds from part of a folder', async () => {
    const ref = 'component:default/mono-handbook';
    const filler = Object.fromEntries(Array.from({ length: 10 }, (_, i) => [`aaa-services/s${i}/main.go`, 'package main\n']));
    gh.state.createRepo('acme', {
      name: 'mono',
      files: {
        ...filler,
        'catalog-info.yaml':
          'apiVersion: backstage.io/v1alpha1\nkind: Component\nmetadata:\n  name: mono-handbook\n  annotations:\n    backstage.io/techdocs-ref: dir:./handbook\nspec:\n  type: documentation\n  lifecycle: production\n  owner: team-a\n',
        'handbook/mkdocs.yml': 'site_name: Mono handbook\n',
        'handbook/docs/index.md': '# Mono\n\nWelcome.\n',
        'handbook/docs/guide.md': '# Guide\n\nDeep in the monorepo.\n',
      },
    });
    await registerLocation({ type: 'url', target: `${gh.url}/acme/mono/blob/main/catalog-info.yaml` });
    gh.state.world.treeEntryLimit = 6;
    try {
      // The repository's tree (27 entries) is cut after 6, before the handbook; its own tree (4) is whole.
      expect(await buildDocs(ref)).toMatchObject({ ok: true, compiled: 2, problems: 0 });
      expect((await getDocsPage(ref, 'guide'))?.html).toContain('Deep in the monorepo.');

      // Past the limit even for the folder itself: a clear failure, and the last good build stays.
      gh.state.world.treeEntryLimit = 2;
      gh.state.setWebhook(null);
      gh.state.commitFiles('acme/mono', { message: 'More', files: { 'handbook/docs/more.md': '# More\n' } });
      expect(await buildDocs(ref)).toMatchObject({
        ok: false,
        message: expect.stringContaining('more files than GitHub lists in one tree'),
      });
      expect((await getDocsPage(ref, 'guide'))?.html).toContain('Deep in the monorepo.');
    } finally {
      gh.state.world.treeEntryLimit = 100_000;
      gh.state.setWebhook({ url: `${env.appUrl}/api/webhooks/github`, secret: SECRET });
    }
  });
});
