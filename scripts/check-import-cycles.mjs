// Fails when the folders of lib/ import each other in a loop (lib/a → lib/b → … → lib/a), type-only
// imports included: a loop between rooms is an architecture problem even when it costs nothing at
// run time. Run by `npm run lint`; prints each loop with one import that makes each of its edges.
import fs from 'node:fs';
import path from 'node:path';

const root = path.resolve(import.meta.dirname, '..');
const lib = path.join(root, 'lib');

function* sourceFiles(dir) {
  for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) yield* sourceFiles(p);
    else if (/\.tsx?$/.test(e.name) && !/\.test\.tsx?$/.test(e.name)) yield p;
  }
}

// A domain's pure model (lib/<domain>/model: types and functions, no I/O) is a room of its own: it is
// the door other rooms may use without reaching the domain's server code (docs/architecture.md).
const roomOf = (file) => {
  const [room, sub] = path.relative(lib, file).split(path.sep);
  return sub === 'model' || sub?.startsWith('model.') ? `${room}/model` : room.replace(/\.tsx?$/, '');
};
const IMPORT = /(?:^|\n)\s*(?:import|export)\s[^'"]*?from\s+['"]([^'"]+)['"]|import\(\s*['"]([^'"]+)['"]\s*\)/g;

/** room → (room → the first file and specifier that import it) */
const edges = new Map();
for (const file of sourceFiles(lib)) {
  const from = roomOf(file);
  for (const m of fs.readFileSync(file, 'utf8').matchAll(IMPORT)) {
    const spec = m[1] ?? m[2];
    let target;
    if (spec.startsWith('@/lib/')) target = path.join(lib, spec.slice('@/lib/'.length));
    else if (spec.startsWith('.')) target = path.resolve(path.dirname(file), spec);
    else continue;
    if (!target.startsWith(`${lib}${path.sep}`)) continue;
    const to = roomOf(target);
    if (to === from) continue;
    const out = edges.get(from) ?? new Map();
    if (!out.has(to)) out.set(to, `${path.relative(root, file)} → ${spec}`);
    edges.set(from, out);
  }
}

// Folders that reach each other (strongly connected components, Tarjan's algorithm); each one is
// reported with the imports among its folders, the edges one of which must go.
const index = new Map();
const low = new Map();
const stack = [];
const components = [];
let next = 0;
function connect(v) {
  index.set(v, next);
  low.set(v, next++);
  stack.push(v);
  for (const w of edges.get(v)?.keys() ?? []) {
    if (!index.has(w)) {
      connect(w);
      low.set(v, Math.min(low.get(v), low.get(w)));
    } else if (stack.includes(w)) low.set(v, Math.min(low.get(v), index.get(w)));
  }
  if (low.get(v) === index.get(v)) {
    const component = [];
    let w;
    do component.push((w = stack.pop()));
    while (w !== v);
    if (component.length > 1) components.push(component);
  }
}
for (const v of edges.keys()) if (!index.has(v)) connect(v);

if (components.length === 0) {
  console.log(`lib/: no import loops between its ${edges.size} folders`);
} else {
  for (const members of components) {
    console.error(
      `import loop between ${members
        .sort()
        .map((r) => `lib/${r}`)
        .join(', ')}; the imports among them:`,
    );
    for (const from of members) {
      for (const [to, where] of edges.get(from)) if (members.includes(to)) console.error(`  lib/${from} → lib/${to}   (${where})`);
    }
  }
  process.exit(1);
}
