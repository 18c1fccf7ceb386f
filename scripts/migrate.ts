import { closeDb, getDb } from '@/lib/db/client';
import { migrate } from '@/lib/db/migrate';

// `npm run db:migrate`: applies pending migrations and exits (the app also does this at start).
const { driver } = await getDb();
try {
  const applied = await migrate(driver);
  console.log(applied.length ? `Applied ${applied.length} migration(s): ${applied.join(', ')}` : `${driver.describe}: already up to date`);
} catch (err) {
  console.error((err as Error).message);
  process.exitCode = 1;
} finally {
  await closeDb();
}
