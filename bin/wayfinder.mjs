#!/usr/bin/env node
// `npx wayfinder validate <files or globs>`: runs the TypeScript CLI through tsx's loader.
import { register } from 'tsx/esm/api';

register({ tsconfig: new URL('../tsconfig.json', import.meta.url).pathname });
await import('../scripts/cli.ts');
