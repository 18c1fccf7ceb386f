import fs from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { registerLocation } from '@/lib/catalog/location-admin';
import { useTestConfig } from '@/testing/test-config';
import { useTestDb } from '@/testing/test-db';
import { queryEntities } from './served-entities';
import { EMPTY_FILTER } from './filter';

// Full text on name and title (what Backstage's catalog table sends) reads the title column and, on
// PostgreSQL, a trigram index of both: it must match exactly what the search table would.

useTestDb();
const config = useTestConfig('full-text', `catalog:\n  rules:\n    - allow: ['*']\n  fileLocationRoots: [.]\n`);

const component = (name: string, metadata: string) =>
  `apiVersion: backstage.io/v1alpha1\nkind: Component\nmetadata:\n  name: ${name}\n${metadata}spec:\n  type: service\n  lifecycle: production\n  owner: team-a\n`;

beforeAll(async () => {
  fs.writeFileSync(
    path.join(config.dir, 'catalog-info.yaml'),
    [
      component('ledger-api', '  title: Money Movements\n'),
      component('payouts', '  title: Ledger Payouts\n'),
      component('reports', '  description: reads the ledger nightly\n'),
      component('long-title', `  title: ${'x'.repeat(195)} ledger\n`),
      component('percent', '  title: 100% uptime\n'),
    ].join('---\n'),
  );
  await registerLocation({ type: 'file', target: path.join(config.dir, 'catalog-info.yaml') });
});

const names = async (term: string, fields?: string[]) =>
  (await queryEntities({ filter: EMPTY_FILTER, fullText: { term, fields }, limit: 50, offset: 0 })).items.map((e) => e.metadata.name);

describe('full text on name and title', () => {
  it('finds the term in the name or the title, in any case, and not in other fields', async () => {
    expect(await names('LEDGER', ['metadata.name', 'metadata.title'])).toEqual(['ledger-api', 'payouts']);
    expect(await names('movements', ['metadata.title'])).toEqual(['ledger-api']);
    expect(await names('ledger', ['metadata.name'])).toEqual(['ledger-api']);
    // Everywhere (no fields): the description and the over-long title count too.
    expect(await names('ledger')).toEqual(['ledger-api', 'long-title', 'payouts', 'reports']);
  });

  it('skips titles longer than the search table keeps, as the search table does', async () => {
    expect(await names('ledger', ['metadata.title'])).toEqual(['payouts']);
  });

  it('takes the term literally (% and _ are not wildcards), and a term across name and title matches neither', async () => {
    expect(await names('100%', ['metadata.name', 'metadata.title'])).toEqual(['percent']);
    expect(await names('0% u', ['metadata.name', 'metadata.title'])).toEqual(['percent']);
    expect(await names('api money', ['metadata.name', 'metadata.title'])).toEqual([]);
  });
});
