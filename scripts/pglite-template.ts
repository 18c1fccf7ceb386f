import { ensureMigratedPgliteTemplate } from '@/lib/db/pglite-migrated-template';

// Run by `npm run build` (scripts/build-server.mjs): makes the embedded database folders that new
// PGlite data folders are copied from (lib/db/pglite-template.ts): the pristine one, so that a first
// start on PGlite does not wait ~5.5 s for initdb, and the migrated one, so that it does not wait
// ~0.85 s for the migrations either. Without them (an unwritable node_modules) a new folder runs
// initdb and the migrations itself: a warning here, not a failed build.
try {
  console.log(`Embedded database template: ${await ensureMigratedPgliteTemplate()}`);
} catch (err) {
  console.warn(
    `No embedded database template (${(err as Error).message}): a new PGlite data folder is made at its first start (initdb ~5 s, migrations ~1 s).`,
  );
}
