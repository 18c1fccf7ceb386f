import { closeDb, getDb } from '@/lib/db/client';
import { migrate } from '@/lib/db/migrate';

// `npm run db:migrate`: applies pending migrations and exits (the app also does this at start).
try {
  const { driver } = await getDb();
  const applied = await migrate(driver);
  console.log(applied.length ? `Applied ${applied.length} migration(s): ${applied.join(', ')}` : `${driver.describe}: already up to date`);
} catch (err) {
  // e.g. the embedded database folder is locked by a running server: the message names it.
  console.error((err as Error).message);
  process.exitCode = 1;
} finally {
  await closeDb();
}
