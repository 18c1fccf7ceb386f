import nextCoreWebVitals from 'eslint-config-next/core-web-vitals';
import nextTypescript from 'eslint-config-next/typescript';

// Next's recommended rules (React, hooks, Core Web Vitals) plus typescript-eslint's.
export default [
  { ignores: ['generated/**', '.next/**', 'node_modules/**', '.data/**', 'test-results/**', 'playwright-report/**', 'coverage/**', 'next-env.d.ts'] },
  ...nextCoreWebVitals,
  ...nextTypescript,
];
