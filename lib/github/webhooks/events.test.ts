import examples from '@octokit/webhooks-examples';
import { describe, expect, it } from 'vitest';
import { filePathInRepo, orgUrlOf, parseWebhookEvent, pushedChanges, WEBHOOK_EVENT_NAMES, type WebhookEvent } from './events';

// Real payloads GitHub sent (github.com and GHES), as published by Octokit.
const examplesOf = (event: string) => (examples as { name: string; examples: unknown[] }[]).find((e) => e.name === event)?.examples ?? [];
const pushExample = () =>
  structuredClone(examplesOf('push').find((p) => (p as { commits: unknown[] }).commits.length > 0)) as {
    repository?: Record<string, unknown>;
    commits: Record<string, unknown>[];
  };

describe('parseWebhookEvent', () => {
  it.each(WEBHOOK_EVENT_NAMES)("accepts every published example of GitHub's %s event", (event) => {
    const payloads = examplesOf(event);
    expect(payloads.length).toBeGreaterThan(0);
    for (const payload of payloads) expect(parseWebhookEvent(event, payload)).toMatchObject({ ok: true });
  });

  it.each([
    [
      'a missing field',
      (p: ReturnType<typeof pushExample>) => delete p.repository!.html_url,
      'push payload: repository.html_url: expected string, received undefined',
    ],
    [
      'a field of the wrong type',
      (p: ReturnType<typeof pushExample>) => (p.commits[0].added = 'README.md'),
      'push payload: commits.0.added: expected array, received string',
    ],
    [
      'a missing object',
      (p: ReturnType<typeof pushExample>) => delete p.repository,
      'push payload: repository: expected object, received undefined',
    ],
  ])('refuses a push with %s, naming the field', (_label, spoil, message) => {
    const payload = pushExample();
    spoil(payload);
    expect(parseWebhookEvent('push', payload)).toEqual({ ok: false, error: message });
  });

  it('names every bad field at once', () => {
    const result = parseWebhookEvent('pull_request', { action: 'opened', repository: { name: 'x' } });
    expect(result.ok).toBe(false);
    if (!result.ok)
      for (const field of ['repository.html_url', 'repository.owner', 'repository.default_branch', 'pull_request'])
        expect(result.error).toContain(`${field}:`);
  });

  it('hands on only the fields it checked', () => {
    const result = parseWebhookEvent('push', pushExample());
    expect(result.ok && Object.keys(result.payload).sort()).toEqual(
      ['after', 'commits', 'deleted', 'head_commit', 'ref', 'repository', 'sender', 'organization']
        .filter((k) => k in pushExample())
        .sort(),
    );
  });
});

describe('what a payload is about', () => {
  const push = (changes: Partial<WebhookEvent<'push'>>): WebhookEvent<'push'> => {
    const parsed = parseWebhookEvent('push', { ...pushExample(), ...changes });
    if (!parsed.ok) throw new Error(parsed.error);
    return parsed.payload;
  };
  const commit = (added: string[], modified: string[], removed: string[]) => ({ added, modified, removed });

  it('lists the files a branch push touched, head commit included', () => {
    const changes = pushedChanges(
      push({ ref: 'refs/heads/main', commits: [commit(['a.yaml'], ['b.md'], [])], head_commit: commit([], [], ['c.md']) }),
    );
    expect(changes).toEqual({ branch: 'main', added: new Set(['a.yaml']), changed: new Set(['a.yaml', 'b.md', 'c.md']) });
  });

  it.each([
    ['a tag', { ref: 'refs/tags/v1.0.0' }],
    ['a deleted branch', { ref: 'refs/heads/old', deleted: true }],
  ])('has no changes for %s', (_label, changes) => {
    expect(pushedChanges(push(changes))).toBeNull();
  });

  it("finds the organisation of an installation from its account and the sender's host", () => {
    const parsed = parseWebhookEvent('installation', {
      action: 'created',
      installation: { account: { login: 'acme' } },
      sender: { html_url: 'https://ghe.example.com/octocat' },
    });
    expect(parsed.ok && orgUrlOf(parsed.payload)).toBe('https://ghe.example.com/acme');
  });
});

describe('filePathInRepo', () => {
  it.each([
    ['https://github.com/acme/orders/blob/main/catalog-info.yaml', 'main/catalog-info.yaml'],
    ['https://github.com/Acme/Orders/blob/Main/Docs/catalog-info.yaml', 'Main/Docs/catalog-info.yaml'],
    ['https://github.com/acme/orders-api/blob/main/catalog-info.yaml', null],
    ['https://github.com/acme/orderss/blob/main/catalog-info.yaml', null],
    ['https://github.com/acme/other/blob/main/orders/blob/main/x.yaml', null],
  ])('%s → %s', (target, expected) => {
    expect(filePathInRepo(target, 'https://github.com/acme/orders')).toBe(expected);
  });

  it('reads _ in a repository name as itself, not as any character', () => {
    expect(filePathInRepo('https://github.com/acme/aXb/blob/main/catalog-info.yaml', 'https://github.com/acme/a_b')).toBeNull();
  });
});
