import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ingestLocationTree } from '@/lib/catalog/ingest/ingest-location';
import { syncConfigLocations } from '@/lib/catalog/location-admin';
import { getEntityByRef } from '@/lib/catalog/queries/served-entities';
import { resetEnvForTests } from '@/lib/env';
import { useTestConfig } from '@/testing/test-config';
import { useTestDb } from '@/testing/test-db';
import { editEntity } from './edit-entity';

// The example organisation is a config location with editableCopy: an ownership edit in the portal
// rewrites the copy in the data folder and leaves the source files (the git checkout) untouched.

useTestDb();
const config = useTestConfig(
  'editable-copy',
  'catalog:\n  rules:\n    - allow: [Component, Group]\n  locations:\n    - type: file\n      target: ./org/catalog-info.yaml\n      editableCopy: true\n',
);
const DESCRIPTOR = `# the example organisation
apiVersion: backstage.io/v1alpha1
kind: Component
metadata: { name: orders, description: Takes orders }
spec: { type: service, lifecycle: production, owner: team-a }
---
apiVersion: backstage.io/v1alpha1
kind: Group
metadata: { name: team-a }
spec: { type: team, children: [] }
---
apiVersion: backstage.io/v1alpha1
kind: Group
metadata: { name: team-b }
spec: { type: team, children: [] }
`;
let data = '';

beforeAll(() => {
  fs.mkdirSync(path.join(config.dir, 'org'));
  fs.writeFileSync(path.join(config.dir, 'org', 'catalog-info.yaml'), DESCRIPTOR);
  data = fs.mkdtempSync(path.join(os.tmpdir(), 'wayfinder-editable-data-'));
  process.env.WAYFINDER_DATA_DIR = data;
  resetEnvForTests();
});
afterAll(() => {
  fs.rmSync(data, { recursive: true, force: true });
  delete process.env.WAYFINDER_DATA_DIR;
  resetEnvForTests();
});

describe('an editable-copy location', () => {
  it('takes an ownership edit in its copy and leaves the source file as it was', async () => {
    const [id] = await syncConfigLocations();
    await ingestLocationTree(id);
    const before = await getEntityByRef('component:default/orders');
    const managedBy = before!.metadata.annotations!['backstage.io/managed-by-location'];
    expect(managedBy.startsWith(`file:${path.join(data, 'editable')}`)).toBe(true);

    const outcome = await editEntity('component:default/orders', { owner: 'team-b' }, { id: 'user:test', name: 'Test' });
    expect(outcome.status).toBe('updated');
    expect((await getEntityByRef('component:default/orders'))?.spec?.owner).toBe('team-b');
    expect(fs.readFileSync(path.join(config.dir, 'org', 'catalog-info.yaml'), 'utf8')).toBe(DESCRIPTOR);
    const copy = fs.readFileSync(managedBy.slice('file:'.length), 'utf8');
    expect(copy).toContain('# the example organisation');
    expect(copy).toContain('owner: team-b');

    // A restart (the sync runs again) keeps reading the edited copy.
    expect(await syncConfigLocations()).toEqual([id]);
    await ingestLocationTree(id);
    expect((await getEntityByRef('component:default/orders'))?.spec?.owner).toBe('team-b');
  });
});
