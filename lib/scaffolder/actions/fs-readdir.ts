import 'server-only';
import fs from 'node:fs/promises';
import path from 'node:path';
import { z } from 'zod';
import { resolveInWorkspace } from '../workspace';
import { ActionError, defineAction } from './types';

// Backstage's fs:readdir: what a folder of the workspace holds, for later steps (`each:` over the
// files, say). Sorted by path here (Backstage lists them in the file system's order).

const entry = z.object({
  name: z.string().describe('Name of the file or folder'),
  path: z.string().describe('Path relative to the workspace'),
  fullPath: z.string().describe('Absolute path on the server running the task'),
});

export const fsReaddirAction = defineAction({
  id: 'fs:readdir',
  description: 'Lists the files and folders of workspace folders.',
  input: z.object({
    paths: z.array(z.string().min(1)).describe('Folders relative to the workspace'),
    recursive: z.boolean().default(false).describe('Also list what the folders inside hold'),
  }),
  output: z.object({ files: z.array(entry), folders: z.array(entry) }),
  async handler(ctx) {
    const files: z.infer<typeof entry>[] = [];
    const folders: z.infer<typeof entry>[] = [];
    const root = await fs.realpath(ctx.workspacePath);
    for (const rel of ctx.input.paths) {
      const dir = await resolveInWorkspace(root, rel, 'paths');
      const found = await fs.readdir(dir, { recursive: ctx.input.recursive, withFileTypes: true }).catch((err: NodeJS.ErrnoException) => {
        if (err.code === 'ENOENT' || err.code === 'ENOTDIR') throw new ActionError(`paths: the workspace has no folder ${rel}`);
        throw err;
      });
      for (const d of found) {
        const fullPath = path.join(d.parentPath, d.name);
        const item = { name: d.name, path: path.relative(root, fullPath).split(path.sep).join('/'), fullPath };
        (d.isDirectory() ? folders : files).push(item);
      }
    }
    const byPath = (a: { path: string }, b: { path: string }) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0);
    ctx.output('files', files.sort(byPath));
    ctx.output('folders', folders.sort(byPath));
  },
});
