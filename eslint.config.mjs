import nextCoreWebVitals from 'eslint-config-next/core-web-vitals';
import nextTypescript from 'eslint-config-next/typescript';

// Rooms that adapters (lib/github, lib/jobs) must not import: the domains, and the runtime that wires
// them together. A domain reacts to GitHub through lib/<domain>/subscriptions.ts, listed in
// lib/runtime/webhooks.ts; its jobs are registered in lib/runtime/jobs.ts.
const DOMAINS = ['catalog', 'docs', 'scaffolder', 'scorecards', 'insights', 'search', 'auth', 'runtime'];
const adapterBoundary = {
  files: ['lib/github/**', 'lib/jobs/**'],
  rules: {
    'no-restricted-imports': [
      'error',
      {
        patterns: [
          {
            group: DOMAINS.flatMap((d) => [
              `@/lib/${d}`,
              `@/lib/${d}/**`,
              `**/lib/${d}`,
              `**/lib/${d}/**`,
              `../${d}`,
              `../${d}/**`,
              `../../${d}`,
              `../../${d}/**`,
            ]),
            message:
              'lib/github and lib/jobs are adapters and import no domain: export the reaction from lib/<domain>/subscriptions.ts (or the job from the domain) and wire it in lib/runtime.',
          },
        ],
      },
    ],
  },
};
// Domain boundaries: a domain (lib/<a>) reaches another domain b only through `@/lib/b` (its
// index.ts) or `@/lib/b/model` (its pure model); app/ and components/ may import internals.
const DOMAIN_ROOMS = ['catalog', 'docs', 'scaffolder', 'search', 'scorecards', 'insights'];
const domainBoundaries = DOMAIN_ROOMS.map((a) => {
  const others = DOMAIN_ROOMS.filter((b) => b !== a).join('|');
  const message = `import another domain through its index.ts (@/lib/<domain>) or its pure model (@/lib/<domain>/model); lib/${a} may not reach into its internals`;
  return {
    files: [`lib/${a}/**`],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            { regex: `^@/lib/(${others})/(?!model$).+`, message },
            { regex: `^(\\.\\./)+(${others})(/|$)`, message },
          ],
        },
      ],
    },
  };
});

// Next's recommended rules (React, hooks, Core Web Vitals) plus typescript-eslint's.
const config = [
  {
    ignores: [
      'generated/**',
      '.next/**',
      'node_modules/**',
      '.data/**',
      'test-results/**',
      'playwright-report/**',
      'coverage/**',
      'next-env.d.ts',
      // Vendored as published (tests/fixtures/nunjitsu-0.7.0/README.md).
      'tests/fixtures/**',
    ],
  },
  ...nextCoreWebVitals,
  ...nextTypescript,
  {
    // Tests are not React: vitest helpers (useTestDb) and Playwright fixtures (`use`) only share
    // the hook naming convention.
    files: ['**/*.test.ts', 'e2e/**', 'testing/**', 'standins/**'],
    rules: { 'react-hooks/rules-of-hooks': 'off' },
  },
  adapterBoundary,
  ...domainBoundaries,
  {
    // Boundary: routes and components read data through a domain's queries (lib/<domain>), never
    // the database client or Prisma's generated code directly.
    files: ['app/**', 'components/**'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['@/lib/db', '@/lib/db/*'],
              message: 'app/ and components/ read data through a domain (lib/<domain>/queries), not lib/db.',
            },
            {
              group: ['@/generated/prisma', '@/generated/prisma/*'],
              message: 'app/ and components/ get small typed objects from lib/, never Prisma types or rows.',
            },
          ],
        },
      ],
    },
  },
];

export default config;
