import nextCoreWebVitals from 'eslint-config-next/core-web-vitals';
import nextTypescript from 'eslint-config-next/typescript';

// Domain boundaries: a domain (lib/<a>) reaches another domain b only through `@/lib/b` (its
// index.ts) or `@/lib/b/model` (its pure model); app/ and components/ may import internals.
const DOMAINS = ['catalog', 'docs', 'scaffolder', 'search', 'scorecards', 'insights'];
const domainBoundaries = DOMAINS.map((a) => {
  const others = DOMAINS.filter((b) => b !== a).join('|');
  const message = `import another domain through its index.ts (@/lib/<domain>) or its pure model (@/lib/<domain>/model); lib/${a} may not reach into its internals`;
  return {
    files: [`lib/${a}/**`],
    rules: {
      'no-restricted-imports': ['error', {
        patterns: [
          { regex: `^@/lib/(${others})/(?!model$).+`, message },
          { regex: `^(\\.\\./)+(${others})(/|$)`, message },
        ],
      }],
    },
  };
});

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
  ...domainBoundaries,
];

export default config;
