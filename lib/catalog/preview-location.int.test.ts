import fs from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { useTestConfig } from '@/testing/test-config';
import { useTestDb } from '@/testing/test-db';
import { previewLocation } from './location-admin';

// Previewing a folder: a Location entity in it names files the folder scan finds too (each entity
// is listed once), and a Template's skeleton (placeholder descriptors) is skipped, not an error.

useTestDb();
const config = useTestConfig('preview', 'catalog:\n  rules:\n    - allow: [Component, Location, Template]\n  fileLocationRoots: [.]\n');

const write = (rel: string, text: string) => {
  fs.mkdirSync(path.dirname(path.join(config.dir, 'org', rel)), { recursive: true });
  fs.writeFileSync(path.join(config.dir, 'org', rel), text);
};

beforeAll(() => {
  write(
    'catalog-info.yaml',
    'apiVersion: backstage.io/v1alpha1\nkind: Location\nmetadata:\n  name: org\nspec:\n  targets:\n    - ./services/orders/catalog-info.yaml\n    - ./templates/node/template.yaml\n',
  );
  write(
    'services/orders/catalog-info.yaml',
    'apiVersion: backstage.io/v1alpha1\nkind: Component\nmetadata:\n  name: orders\nspec:\n  type: service\n  lifecycle: production\n  owner: team-a\n',
  );
  write(
    'templates/node/template.yaml',
    'apiVersion: scaffolder.backstage.io/v1beta3\nkind: Template\nmetadata:\n  name: node\nspec:\n  owner: team-a\n  type: service\n  parameters:\n    - title: Name\n      properties:\n        name: { type: string }\n  steps:\n    - id: fetch\n      action: fetch:template\n      input:\n        url: ./skeleton\n',
  );
  write(
    'templates/node/skeleton/catalog-info.yaml',
    'apiVersion: backstage.io/v1alpha1\nkind: Component\nmetadata:\n  name: ${{ values.name }}\nspec:\n  type: service\n  lifecycle: experimental\n  owner: ${{ values.owner }}\n',
  );
});

describe('previewLocation of a folder', () => {
  it('lists each entity once and skips the template skeleton', async () => {
    const preview = await previewLocation({ type: 'file', target: path.join(config.dir, 'org') });
    expect(preview.entities.map((e) => e.ref).sort()).toEqual([
      'component:default/orders',
      'location:default/org',
      'template:default/node',
    ]);
    expect(preview.errors).toEqual([]);
  });
});
