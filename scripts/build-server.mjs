// Compiles the server entries (scripts/server.ts, worker.ts, migrate.ts, and the docs renderer's
// thread, lib/docs/render-thread.ts) into plain ES modules in .next/wayfinder/, so that `npm start` runs one node process with no TypeScript loader, then makes
// the embedded database's pristine and migrated folders (scripts/pglite-template.ts) if missing. Part of
// `npm run build` (after `next build`, which empties .next/); scripts/start.mjs runs it when missing.

export const SERVER_BUILD_DIR = '.next/wayfinder';
const ENTRIES = {
  server: 'scripts/server.ts',
  worker: 'scripts/worker.ts',
  migrate: 'scripts/migrate.ts',
  'pglite-template': 'scripts/pglite-template.ts',
  'docs-render': 'lib/docs/render-thread.ts',
};
/** The compiled files, all of which a start needs (a build from before one was added lacks it). */
export const SERVER_BUILD_FILES = Object.keys(ENTRIES).map((name) => `${SERVER_BUILD_DIR}/${name}.mjs`);

// `server-only` throws unless resolved with the react-server condition, which only Next's own
// bundles use: these entries are server code by definition, so the marker is dropped.
const serverOnly = {
  name: 'server-only',
  setup(b) {
    b.onResolve({ filter: /^server-only$/ }, () => ({ path: 'server-only', namespace: 'empty' }));
    b.onLoad({ filter: /.*/, namespace: 'empty' }, () => ({ contents: '' }));
  },
};

// Next's entry points (next/navigation, next/headers, …) are files beside its package.json, which
// has no `exports` map: Node's ESM loader finds them only with their extension.
const nextSubpaths = {
  name: 'next-subpaths',
  setup(b) {
    b.onResolve({ filter: /^next\/[a-z-]+$/ }, (args) => ({ path: `${args.path}.js`, external: true }));
  },
};

export async function buildServer() {
  // Loaded here, not at the top: `npm start` imports this module for SERVER_BUILD_DIR on every start.
  const [{ build }, { spawnSync }] = await Promise.all([import('esbuild'), import('node:child_process')]);
  await build({
    entryPoints: ENTRIES,
    outdir: SERVER_BUILD_DIR,
    outExtension: { '.js': '.mjs' },
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    // Packages load from node_modules at run time as they do under Next (PGlite's WASM files, one
    // Prisma runtime); only the project's own code is compiled in.
    packages: 'external',
    plugins: [serverOnly, nextSubpaths],
    sourcemap: 'linked',
    logLevel: 'warning',
  });
  spawnSync(process.execPath, [`${SERVER_BUILD_DIR}/pglite-template.mjs`], { stdio: 'inherit' });
}

if (import.meta.url === `file://${process.argv[1]}`) await buildServer();
