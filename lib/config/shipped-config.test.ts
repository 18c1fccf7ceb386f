import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { parseConfig } from './load-config';

// A template's steps run with the integrations' credentials, so the shipped configurations (the
// quick start's, the demo's and the e2e app's) let templates come only from locations they name with rules of
// their own, never from a location any member registers (README "Where templates come from").

const ROOT = path.resolve(import.meta.dirname, '../..');
const allows = (rules: { allow: string[] }[], kind: string) => rules.some((r) => r.allow.includes(kind) || r.allow.includes('*'));

function shipped(file: string) {
  for (const name of ['E2E_GITHUB_URL', 'E2E_ARGOCD_URL']) vi.stubEnv(name, 'http://127.0.0.1:1');
  for (const name of ['E2E_GITHUB_TOKEN', 'E2E_ARGOCD_TOKEN', 'NEXTAUTH_SECRET']) vi.stubEnv(name, 'a-value-of-16-characters-or-more');
  return parseConfig(fs.readFileSync(path.join(ROOT, file), 'utf8'), file);
}

afterEach(() => void vi.unstubAllEnvs());

describe.each(['wayfinder.config.yaml', 'wayfinder.demo.yaml', 'e2e/wayfinder.e2e.yaml'])('%s', (file) => {
  it('does not let a registered location produce templates', () => {
    expect(allows(shipped(file).catalog.rules, 'Template')).toBe(false);
  });

  it('names where its templates come from, with rules of their own', () => {
    const from = shipped(file).catalog.locations.filter((l) => l.rules && allows(l.rules, 'Template'));
    expect(from.length).toBeGreaterThan(0);
  });
});
