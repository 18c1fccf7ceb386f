import nextCoreWebVitals from 'eslint-config-next/core-web-vitals';
import nextTypescript from 'eslint-config-next/typescript';

// Next's recommended rules (React, hooks, Core Web Vitals) plus typescript-eslint's.
const config = [
  { ignores: ['generated/**', '.next/**', 'node_modules/**', '.data/**', 'test-results/**', 'playwright-report/**', 'coverage/**', 'next-env.d.ts'] },
  ...nextCoreWebVitals,
  ...nextTypescript,
  {
    // Tests are not React: vitest helpers (useTestDb) and Playwright fixtures (`use`) only share
    // the hook naming convention.
    files: ['**/*.test.ts', 'e2e/**', 'testing/**', 'standins/**'],
    rules: { 'react-hooks/rules-of-hooks': 'off' },
  },
  {
    // Boundary: routes and components read data through a domain's queries (lib/<domain>), never
    // the database client or Prisma's generated code directly.
    files: ['app/**', 'components/**'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            { group: ['@/lib/db', '@/lib/db/*'], message: 'app/ and components/ read data through a domain (lib/<domain>/queries), not lib/db.' },
            { group: ['@/generated/prisma', '@/generated/prisma/*'], message: 'app/ and components/ get small typed objects from lib/, never Prisma types or rows.' },
          ],
        },
      ],
    },
  },
];

export default config;
