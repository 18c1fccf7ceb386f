import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { actionLabel } from './action-labels';

const ROOT = path.resolve(import.meta.dirname, '..', '..', '..');

/** Every counted server action's name (createAction's `name`, unless it opts out with recordUse: false). */
function countedActionNames(): string[] {
  const files = fs.readdirSync(path.join(ROOT, 'lib'), { recursive: true, encoding: 'utf8' }).filter((f) => /(^|\/)actions\.ts$/.test(f));
  return files.flatMap((f) =>
    fs
      .readFileSync(path.join(ROOT, 'lib', f), 'utf8')
      .split('createAction(')
      .slice(1)
      .filter((call) => !/recordUse:\s*false/.test(call.slice(0, 400)))
      .map((call) => call.match(/name:\s*'([^']+)'/)![1]!),
  );
}

describe('actionLabel', () => {
  it.each([
    ['previewLocation', 'Analyze a location'],
    ['rememberCatalogKind', 'Choose the catalog’s kind'],
    ['scaffolder.createTask', 'Run a template'],
    ['appointLead', 'Appoint a group lead'],
  ])('%s → %s', (id, label) => {
    expect(actionLabel(id)).toBe(label);
  });

  it.each(['somethingNew', 'toString', 'constructor', ''])('has no label for %j (shown by its id)', (id) => {
    expect(actionLabel(id)).toBeNull();
  });

  it('labels every action the portal counts', () => {
    const names = countedActionNames();
    expect(names.length).toBeGreaterThan(15);
    expect(names.filter((n) => actionLabel(n) === null)).toEqual([]);
  });
});
