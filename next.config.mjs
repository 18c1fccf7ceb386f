/** @type {import('next').NextConfig} */
const nextConfig = {
  // forbidden() in pages: a member opening /admin/* gets the 403 page (app/(portal)/forbidden.tsx).
  // preloadEntriesOnStart: false loads a page's modules on its first request instead of every page's
  // at start: the server starts with ~30 MiB less (heap 93 → 63 MiB idle; README, Performance), and
  // the first visit to each page pays its module load once (the webhook route's is loaded right after
  // start by scripts/server.ts, lib/http/warm-up.ts).
  experimental: { authInterrupts: true, preloadEntriesOnStart: false },
  // Loaded from node_modules at run time, not bundled: PGlite ships WASM and data files that
  // bundling breaks (every query fails after a green build); the others keep one instance per process.
  // The scaffolder's sandbox loads QuickJS's WASM file and Nunjucks' browser build from node_modules.
  serverExternalPackages: [
    '@electric-sql/pglite',
    'pglite-prisma-adapter',
    'pg',
    'pg-boss',
    'pino',
    'prom-client',
    'quickjs-emscripten-core',
    '@jitl/quickjs-wasmfile-release-sync',
    'nunjucks',
    // GitHub's secret encryption (libsodium's sealed box) for publish:github's secrets.
    'libsodium-wrappers',
  ],
  poweredByHeader: false,
  typedRoutes: false,
  // Static files skip proxy.ts (which sets the CSP and these on everything else): never sniffed,
  // never framed.
  async headers() {
    return [
      {
        source: '/:path*',
        headers: [
          { key: 'X-Content-Type-Options', value: 'nosniff' },
          { key: 'X-Frame-Options', value: 'DENY' },
          { key: 'Referrer-Policy', value: 'strict-origin-when-cross-origin' },
        ],
      },
    ];
  },
};

export default nextConfig;
