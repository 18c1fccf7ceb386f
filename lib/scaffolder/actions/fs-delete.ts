import 'server-only';
import fs from 'node:fs/promises';
import path from 'node:path';
import { glob } from 'tinyglobby';
import { z } from 'zod';
import { confinedRelativePath } from '../model/paths';
import { resolveInWorkspace } from '../workspace';
import { defineAction } from './types';

// Backstage's fs:delete: removes files (globs allowed) from the workspace.

export const fsDeleteAction = defineAction({
  id: 'fs:delete',
  description: 'Deletes files or folders (globs allowed) from the workspace.',
  input: z.object({ files: z.array(z.string().min(1)).min(1).describe('Paths or globs relative to the workspace') }),
  async handler(ctx) {
    for (const pattern of ctx.input.files) {
      const clean = confinedRelativePath(pattern, 'files');
      const matches = await glob(clean, { cwd: ctx.workspacePath, onlyFiles: false, dot: true, followSymbolicLinks: false });
      for (const m of matches) {
        const abs = await resolveInWorkspace(ctx.workspacePath, m.replace(/\/$/, ''));
        await fs.rm(abs, { recursive: true, force: true });
        ctx.logger.info(`Deleted ${path.posix.normalize(m)}`);
      }
    }
  },
});
