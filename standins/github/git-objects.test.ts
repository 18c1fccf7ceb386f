import { execFileSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Octokit } from '@octokit/rest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { GitStore } from './git-objects';
import { SEED_TOKEN, seedAcme } from './seed';
import type { GitHubStandIn } from './server';
import { createGitHubStandIn } from './server';

// The stand-in's object SHAs are git's: any code that caches or compares SHAs sees a real repo.

const author = { name: 'Sanne de Vries', email: 'sanne.devries@acme-logistics.com', date: '2024-03-01T09:30:00+01:00' };
const committer = { name: 'Wayfinder Bot', email: 'bot@acme-logistics.com', date: '2024-03-01T10:00:00Z' };
// Names chosen to exercise git's ordering rule: a subtree sorts as if its name ended in '/'.
const files: Record<string, string> = {
  'README.md': '# demo\n',
  'a.b': 'dot\n',
  'a/x.txt': 'in a\n',
  'a-b': 'dash\n',
  'docs/index.md': '# Docs\n\nHello.\n',
  'docs/nested/deep.md': 'deep\n',
  'empty.txt': '',
  'ünïcode.txt': 'ü\n',
};

let dir: string;
const git = (...args: string[]) =>
  execFileSync('git', ['-c', 'core.quotepath=off', ...args], {
    cwd: dir,
    encoding: 'utf8',
    env: {
      ...process.env,
      GIT_AUTHOR_NAME: author.name,
      GIT_AUTHOR_EMAIL: author.email,
      GIT_AUTHOR_DATE: author.date,
      GIT_COMMITTER_NAME: committer.name,
      GIT_COMMITTER_EMAIL: committer.email,
      GIT_COMMITTER_DATE: committer.date,
    },
  }).trim();

function writeRepo(target: string, content: Record<string, string>) {
  for (const [p, c] of Object.entries(content)) {
    mkdirSync(path.dirname(path.join(target, p)), { recursive: true });
    writeFileSync(path.join(target, p), c);
  }
}

beforeAll(() => {
  dir = mkdtempSync(path.join(tmpdir(), 'gh-stand-in-git-'));
  git('init', '-q');
  writeRepo(dir, files);
  git('add', '-A');
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('GitStore', () => {
  it('hashes blobs like git hash-object', () => {
    const store = new GitStore();
    for (const [p, content] of Object.entries(files)) expect(store.putBlob(content), p).toBe(git('hash-object', p));
  });

  it('builds trees like git write-tree, nested and sorted git’s way', () => {
    const store = new GitStore();
    const tree = store.applyChanges(
      null,
      Object.entries(files).map(([p, content]) => ({ path: p, content })),
    );
    expect(tree).toBe(git('write-tree'));
    expect(store.tree(tree)!.entries.map((e) => e.name)).toEqual(git('ls-tree', '--name-only', tree).split('\n'));
  });

  it('hashes commits like git commit-tree, with and without parents and timezones', () => {
    const store = new GitStore();
    const tree = store.applyChanges(
      null,
      Object.entries(files).map(([p, content]) => ({ path: p, content })),
    );
    const first = store.putCommit({ tree, parents: [], author, committer, message: 'Initial commit\n' });
    const gitFirst = git('commit-tree', git('write-tree'), '-m', 'Initial commit');
    expect(first).toBe(gitFirst);
    const second = store.putCommit({ tree, parents: [first], author, committer, message: 'Second\n\nWith a body.\n' });
    expect(second).toBe(git('commit-tree', git('write-tree'), '-p', gitFirst, '-m', 'Second', '-m', 'With a body.'));
  });
});

describe('through the REST API', () => {
  let gh: GitHubStandIn;
  let octokit: Octokit;
  beforeAll(async () => {
    gh = await createGitHubStandIn({ seed: seedAcme });
    octokit = new Octokit({ baseUrl: gh.url, auth: SEED_TOKEN });
  });
  afterAll(() => gh.stop());

  it('creates blobs, trees and commits whose SHAs equal git’s', async () => {
    const repo = { owner: 'acme', repo: 'catalog' };
    const tree = await octokit.rest.git.createTree({
      ...repo,
      tree: Object.entries(files).map(([p, content]) => ({ path: p, mode: '100644' as const, type: 'blob' as const, content })),
    });
    expect(tree.data.sha).toBe(git('write-tree'));
    const blob = await octokit.rest.git.createBlob({
      ...repo,
      content: Buffer.from(files['docs/index.md']!).toString('base64'),
      encoding: 'base64',
    });
    expect(blob.data.sha).toBe(git('hash-object', 'docs/index.md'));
    const commit = await octokit.rest.git.createCommit({
      ...repo,
      tree: tree.data.sha,
      message: 'Initial commit\n',
      parents: [],
      author,
      committer,
    });
    expect(commit.data.sha).toBe(git('commit-tree', tree.data.sha, '-m', 'Initial commit'));
  });

  it('seeds each example component as a repository whose tree equals git’s for that folder', async () => {
    const example = mkdtempSync(path.join(tmpdir(), 'gh-stand-in-example-'));
    try {
      cpSync(path.resolve(import.meta.dirname, '../../examples/components/booking-service'), example, { recursive: true });
      execFileSync('git', ['init', '-q'], { cwd: example });
      execFileSync('git', ['add', '-A'], { cwd: example });
      const expected = execFileSync('git', ['write-tree'], { cwd: example, encoding: 'utf8' }).trim();
      const commit = await octokit.rest.repos.getCommit({ owner: 'acme', repo: 'booking-service', ref: 'main' });
      expect(commit.data.commit.tree.sha).toBe(expected);
    } finally {
      rmSync(example, { recursive: true, force: true });
    }
  });
});
