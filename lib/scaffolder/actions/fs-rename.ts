import 'server-only';
import fs from 'node:fs/promises';
import path from 'node:path';
import { z } from 'zod';
import { resolveInWorkspace } from '../workspace';
import { ActionError, defineAction } from './types';

// Backstage's fs:rename: moves files or folders inside the workspace.

export const fsRenameAction = defineAction({
  id: 'fs:rename',
  description: 'Renames files or folders in the workspace.',
  input: z.object({
    files: z
      .array(z.object({ from: z.string().min(1), to: z.string().min(1), overwrite: z.boolean().default(false) }))
      .min(1)
      .describe('Pairs of paths to rename'),
  }),
  async handler(ctx) {
    for (const f of ctx.input.files) {
      const from = await resolveInWorkspace(ctx.workspacePath, f.from, 'from');
      const to = await resolveInWorkspace(ctx.workspacePath, f.to, 'to');
      if (!(await fs.lstat(from).catch(() => null))) throw new ActionError(`fs:rename: ${f.from} does not exist in the workspace`);
      if (!f.overwrite && (await fs.lstat(to).catch(() => null)))
        throw new ActionError(`fs:rename: ${f.to} exists; set overwrite: true to replace it`);
      await fs.mkdir(path.dirname(to), { recursive: true });
      await fs.rm(to, { recursive: true, force: true });
      await fs.rename(from, to);
      ctx.logger.info(`Renamed ${f.from} to ${f.to}`);
    }
  },
});
