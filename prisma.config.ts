import path from 'node:path';
import { defineConfig } from 'prisma/config';

// The CLI's schema engine is a native binary downloaded on first use, which these machines cannot
// fetch. `prisma generate` never runs it, but the CLI insists on resolving a path: point it at node.
// Migrations are applied by lib/db/migrate.ts, not by `prisma migrate`.
process.env.PRISMA_SCHEMA_ENGINE_BINARY ??= process.execPath;

export default defineConfig({
  schema: path.join('prisma', 'schema.prisma'),
  migrations: { path: path.join('prisma', 'migrations') },
});
