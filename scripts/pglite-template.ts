import { ensurePgliteTemplate } from '@/lib/db/pglite-template';

// Run by `npm run build` (scripts/build-server.mjs): makes the pristine embedded database folder
// that new PGlite data folders are copied from (lib/db/pglite-template.ts), so that a first start
// on PGlite does not wait ~5.5 s for initdb. Without it (an unwritable node_modules) a new folder
// runs initdb itself: a warning here, not a failed build.
try {
  console.log(`Embedded database template: ${ensurePgliteTemplate()}`);
} catch (err) {
  console.warn(`No embedded database template (${(err as Error).message}): a new PGlite data folder will run initdb (~5 s).`);
}
