// The docs renderer's thread run from the TypeScript source (tests, the CLI, `next dev`): tsx's
// loader is registered in this thread first. The compiled server uses .next/wayfinder/docs-render.mjs.
import { register } from 'tsx/esm/api';

register({ tsconfig: new URL('../../tsconfig.json', import.meta.url).pathname });
await import('./render-thread.ts');
