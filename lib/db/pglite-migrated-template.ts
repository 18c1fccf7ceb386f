import fs from 'node:fs';
import path from 'node:path';
import { openPglite } from './driver';
import { migrate, readMigrations, type MigrationFile } from './migrate';
import { copyPgliteFolder, ensurePgliteTemplate, migratedTemplatePath, TEMPLATE_CACHE } from './pglite-template';

/**
 * The migrated template for the migrations on disk, made now if missing (by `npm run build`,
 * scripts/pglite-template.ts): a copy of the pristine folder with the migrations applied, made in a
 * folder of its own and renamed into place like the pristine one. Migrated templates of other
 * migrations (an older checkout's) are deleted. Throws when it cannot be made.
 */
export async function ensureMigratedPgliteTemplate(
  cache: string = TEMPLATE_CACHE,
  migrations: MigrationFile[] = readMigrations(),
): Promise<string> {
  const template = migratedTemplatePath(cache, migrations);
  if (!template) throw new Error('the installed PGlite version is unknown');
  if (!fs.existsSync(path.join(template, 'PG_VERSION'))) {
    const pristine = ensurePgliteTemplate(cache);
    const fresh = fs.mkdtempSync(`${template}.tmp-`);
    try {
      copyPgliteFolder(pristine, fresh);
      const driver = await openPglite(fresh);
      try {
        await migrate(driver, migrations);
      } finally {
        await driver.close();
      }
      fs.renameSync(fresh, template);
    } catch (err) {
      fs.rmSync(fresh, { recursive: true, force: true });
      // Another process renamed its own into place first.
      if (!fs.existsSync(path.join(template, 'PG_VERSION'))) throw err;
    }
  }
  removeOtherMigratedTemplates(cache, template);
  return template;
}

/** Deletes the migrated templates of other migrations than `keep`'s (same name but for the key). */
function removeOtherMigratedTemplates(cache: string, keep: string): void {
  const kept = path.basename(keep);
  const prefix = kept.slice(0, kept.lastIndexOf('-') + 1);
  for (const name of fs.readdirSync(cache)) {
    if (name !== kept && name.startsWith(prefix) && /^[0-9a-f]{16}$/.test(name.slice(prefix.length)))
      fs.rmSync(path.join(cache, name), { recursive: true, force: true });
  }
}
