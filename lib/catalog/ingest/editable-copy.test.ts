import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { editableCopyOf, isEditableCopy } from './editable-copy';

const dirs: string[] = [];
const tmp = () => {
  const d = fs.mkdtempSync(path.join(os.tmpdir(), 'editable-copy-'));
  dirs.push(d);
  return d;
};
afterEach(() => {
  for (const d of dirs.splice(0)) fs.rmSync(d, { recursive: true, force: true });
});

describe('editableCopyOf', () => {
  it('copies the folder of a file target once, and later edits stay in the copy', () => {
    const src = path.join(tmp(), 'examples');
    fs.mkdirSync(path.join(src, 'components'), { recursive: true });
    fs.writeFileSync(path.join(src, 'catalog-info.yaml'), 'root');
    fs.writeFileSync(path.join(src, 'components', 'a.yaml'), 'a');
    const data = tmp();

    const copy = editableCopyOf(path.join(src, 'catalog-info.yaml'), data);
    expect(copy.startsWith(path.join(data, 'editable'))).toBe(true);
    expect(path.basename(copy)).toBe('catalog-info.yaml');
    expect(fs.readFileSync(path.join(path.dirname(copy), 'components', 'a.yaml'), 'utf8')).toBe('a');

    // An edit of the copy is kept on the next start, and the source is untouched.
    fs.writeFileSync(copy, 'edited');
    expect(editableCopyOf(path.join(src, 'catalog-info.yaml'), data)).toBe(copy);
    expect(fs.readFileSync(copy, 'utf8')).toBe('edited');
    expect(fs.readFileSync(path.join(src, 'catalog-info.yaml'), 'utf8')).toBe('root');
    expect(isEditableCopy(copy, data)).toBe(true);
    expect(isEditableCopy(path.join(src, 'catalog-info.yaml'), data)).toBe(false);
  });

  it('copies a folder target as the folder, and names a missing target in its error', () => {
    const src = path.join(tmp(), 'org');
    fs.mkdirSync(src);
    fs.writeFileSync(path.join(src, 'x.yaml'), 'x');
    const copy = editableCopyOf(src, tmp());
    expect(fs.readFileSync(path.join(copy, 'x.yaml'), 'utf8')).toBe('x');
    expect(() => editableCopyOf(path.join(src, 'nope.yaml'), tmp())).toThrow(/editableCopy .*nope\.yaml does not exist/);
  });
});
