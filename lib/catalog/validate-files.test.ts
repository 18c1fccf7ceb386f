import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { validateFiles } from './validate-files';

let dir: string;
const good =
  'apiVersion: backstage.io/v1alpha1\nkind: Component\nmetadata:\n  name: good\nspec:\n  type: service\n  lifecycle: production\n  owner: team-a\n';

beforeAll(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'wayfinder-validate-'));
  fs.mkdirSync(path.join(dir, 'svc/a'), { recursive: true });
  fs.mkdirSync(path.join(dir, 'svc/b'), { recursive: true });
  fs.writeFileSync(path.join(dir, 'svc/a/catalog-info.yaml'), good);
  fs.writeFileSync(
    path.join(dir, 'svc/b/catalog-info.yaml'),
    good.replace('name: good', 'name: Order_Service!') +
      '---\n' +
      good
        .replace('name: good', 'name: api')
        .replace('kind: Component', 'kind: API')
        .replace('owner: team-a', 'owner: team-a\n  definition:\n    $text: ./missing.yaml'),
  );
});

afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

describe('validateFiles', () => {
  it('reports every error with file:line:column, substitutions included', async () => {
    const report = await validateFiles(['svc/**/catalog-info.yaml'], dir);
    expect(report.files).toBe(2);
    expect(report.entities).toBe(1);
    expect(report.errors).toEqual([
      expect.stringMatching(/^svc\/b\/catalog-info\.yaml:4:9: metadata\.name "Order_Service!" must be letters/),
      expect.stringMatching(/^svc\/b\/catalog-info\.yaml:19:5: spec\.definition: could not read "\.\/missing\.yaml"/),
    ]);
  });

  it('puts a plain-language hint under a YAML syntax error, beside the exact message', async () => {
    fs.writeFileSync(path.join(dir, 'colon.yaml'), good.replace('name: good', 'name: colon\n  description: Note: breaks'));
    const [error] = (await validateFiles(['colon.yaml'], dir)).errors;
    expect(error).toMatch(
      /^colon\.yaml:\d+:\d+: invalid YAML: Nested mappings are not allowed in compact mappings\n  what to change: A value contains a colon followed by a space/,
    );
  });

  it('says when a pattern matches nothing', async () => {
    expect((await validateFiles(['nope/**/*.yaml'], dir)).errors).toEqual(['nope/**/*.yaml: no files match this pattern']);
  });

  it('exits 1 from the CLI on errors and 0 when clean', () => {
    const bin = path.resolve('bin/wayfinder.mjs');
    expect(execFileSync('node', [bin, 'validate', 'svc/a/catalog-info.yaml'], { cwd: dir, encoding: 'utf8' })).toContain(
      '✓ 1 file(s), 1 valid entity, 0 error(s)',
    );
    let status = 0;
    try {
      execFileSync('node', [bin, 'validate', 'svc/b/catalog-info.yaml'], { cwd: dir, encoding: 'utf8', stdio: 'pipe' });
    } catch (err) {
      status = (err as { status: number }).status;
    }
    expect(status).toBe(1);
  });
});
