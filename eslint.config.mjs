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
];

export default config;
