import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import YAML from 'yaml';
import { validateEntity } from '@/lib/catalog/model';
import { Templater } from './templater';

// The example templates' skeletons, rendered as fetch:template renders them, with the answers a
// person may give: a description with YAML's and JSON's special characters, or none where the
// template leaves it optional. What they write must still parse, and the catalog file must be an
// entity the catalog accepts (an empty `description:` is YAML's null, which it refuses).

const root = path.join(import.meta.dirname, '../../../examples/templates');
const skeleton = (template: string, file: string) => fs.readFileSync(path.join(root, template, 'skeleton', file), 'utf8');

let templater: Templater;
beforeAll(async () => {
  templater = await Templater.create();
});
afterAll(() => templater.dispose());

const awkward = 'Routes: "fast" & cheap # not a comment \\ {braces}';
const answers = (extra: Record<string, unknown>) => ({
  values: {
    name: 'route-docs',
    owner: 'group:default/team-devex',
    system: 'system:default/shipment-management',
    tier: 'tier-2',
    pythonVersion: '3.11',
    moduleName: 'route_docs',
    sourceTemplate: 'template:default/spring-boot-grpc-service',
    destination: { owner: 'acme', repo: 'route-docs' },
    ...extra,
  },
});

function catalogEntities(template: string, values: ReturnType<typeof answers>) {
  const docs = YAML.parseAllDocuments(templater.render(skeleton(template, 'catalog-info.yaml'), values));
  return docs.map((d) => d.toJS());
}

describe('example template skeletons', () => {
  const templates = fs.readdirSync(root).filter((t) => fs.existsSync(path.join(root, t, 'skeleton', 'catalog-info.yaml')));

  it.each(templates)('%s: its catalog file is a valid entity, whatever the description says', (template) => {
    for (const extra of [
      { description: awkward, title: awkward },
      { description: 'Plain', title: 'Plain' },
    ]) {
      for (const entity of catalogEntities(template, answers(extra))) {
        expect(validateEntity(entity)).toEqual([]);
        if (entity.kind === 'Component') expect(entity.metadata.description).toBe(extra.description);
      }
    }
  });

  it('documentation-site: leaves an unanswered description out rather than writing null', () => {
    const [entity] = catalogEntities('documentation-site', answers({ title: 'Route docs' }));
    expect(validateEntity(entity)).toEqual([]);
    expect(entity.metadata).not.toHaveProperty('description');
    expect(entity.metadata.title).toBe('Route docs');
    const mkdocs = YAML.parse(templater.render(skeleton('documentation-site', 'mkdocs.yml'), answers({ title: 'Route docs' })));
    expect(mkdocs).toMatchObject({ site_name: 'Route docs' });
    expect(mkdocs).not.toHaveProperty('site_description');
  });

  it('writes package and site files that parse, with the description as given', () => {
    const values = answers({ description: awkward, title: awkward, siteName: awkward });
    expect(JSON.parse(templater.render(skeleton('nodejs-service', 'package.json'), values)).description).toBe(awkward);
    expect(YAML.parse(templater.render(skeleton('documentation-site', 'mkdocs.yml'), values))).toMatchObject({
      site_name: awkward,
      site_description: awkward,
    });
    expect(YAML.parse(templater.render(skeleton('add-techdocs', 'mkdocs.yml'), values)).site_name).toBe(awkward);
    // TOML's basic strings escape as JSON's do.
    const pyproject = templater.render(skeleton('python-library', 'pyproject.toml'), values);
    expect(pyproject).toContain(`description = ${JSON.stringify(awkward)}`);
  });
});
