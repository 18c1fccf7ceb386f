import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';
import { seedAcme } from './seed';
import { WebhookValidator } from './testing/openapi-validator';
import { createGitHubStandIn } from './server';

// The seeded org mirrors examples/, fast enough to start per test file; and the schema
// validators are real checks (a negative control), not rubber stamps.

describe('seedAcme', () => {
  it('mirrors examples/org and examples/components, quickly enough to start per test file', async () => {
    const started = performance.now();
    const gh = await createGitHubStandIn({ seed: seedAcme });
    try {
      // ~0.25 s alone; the bound only catches a gross regression, with room for a loaded CI machine.
      expect(performance.now() - started).toBeLessThan(5_000);
      const w = gh.state.world;
      expect(w.user('sannedevries')?.name).toBe('Sanne de Vries');
      const shipments = w.team('acme', 'team-shipments')!;
      expect(shipments.parentSlug).toBe('shipping-fulfilment');
      expect(shipments.members.get('sannedevries')).toBe('maintainer');
      expect([...shipments.members.values()].filter((r) => r === 'maintainer')).toHaveLength(1);
      expect(w.team('acme', 'acme-logistics')).toBeUndefined(); // the organization group is the org itself
      expect(gh.state.readFile('acme/booking-service', 'mkdocs.yml')).toContain('nav');
      const catalogLocation = gh.state.readFile('acme/catalog', 'catalog-info.yaml')!;
      expect(catalogLocation).toContain('./org/groups.yaml');
      expect(catalogLocation).not.toContain('./components/');
      expect(gh.state.deliveries).toHaveLength(0); // seeding sends no webhooks
    } finally {
      await gh.stop();
    }
  });
});

describe('schema validators', () => {
  const examples = createRequire(import.meta.url)('@octokit/webhooks-examples/api.github.com/index.json') as {
    name: string;
    examples: Record<string, unknown>[];
  }[];
  const validator = new WebhookValidator();

  it('accept GitHub’s own example payloads and reject one missing a required property', () => {
    const closed = examples.find((e) => e.name === 'pull_request')!.examples.find((p) => p.action === 'closed')!;
    expect(() => validator.validate('pull_request', closed)).not.toThrow();
    const { repository: _dropped, ...broken } = closed;
    void _dropped;
    expect(() => validator.validate('pull_request', broken)).toThrow(/must have required property 'repository'/);
  });
});
