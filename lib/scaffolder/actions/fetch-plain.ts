import 'server-only';
import path from 'node:path';
import { z } from 'zod';
import { readTemplateSource } from '../fetch-source';
import { tokenInput } from '../github';
import { confinedRelativePath } from '../model/paths';
import { writeWorkspaceFile } from '../workspace';
import { defineAction } from './types';

// Backstage's fetch:plain: a folder copied into the workspace as it is.

export const fetchPlainAction = defineAction({
  id: 'fetch:plain',
  description: 'Downloads a folder and copies it into the workspace without rendering anything.',
  input: z.object({
    url: z.string().min(1).describe('Relative path or absolute URL of the folder'),
    targetPath: z.string().default('./').describe('Folder in the workspace to write to'),
    token: tokenInput,
  }),
  async handler(ctx) {
    const target = confinedRelativePath(ctx.input.targetPath, 'targetPath');
    const files = await readTemplateSource(ctx.templateInfo.baseUrl, ctx.input.url, { token: ctx.input.token });
    for (const f of files) await writeWorkspaceFile(ctx.workspacePath, path.posix.join(target || '.', f.path), f.content, f.executable);
    ctx.logger.info(`Copied ${files.length} files to ${target || '.'}`);
  },
});
