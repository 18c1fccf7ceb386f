import 'server-only';
import { z } from 'zod';
import { readTemplateSource } from '../fetch-source';
import { tokenInput } from '../github';
import { confinedRelativePath } from '../model/paths';
import { writeWorkspaceFile } from '../workspace';
import { defineAction } from './types';

// Backstage's fetch:plain:file: one file copied into the workspace at targetPath.

export const fetchPlainFileAction = defineAction({
  id: 'fetch:plain:file',
  description: 'Downloads one file and writes it into the workspace at targetPath.',
  input: z.object({
    url: z.string().min(1).describe('Relative path or absolute URL of the file'),
    targetPath: z.string().min(1).describe('Path of the file in the workspace'),
    token: tokenInput,
  }),
  async handler(ctx) {
    const target = confinedRelativePath(ctx.input.targetPath, 'targetPath');
    const [file] = await readTemplateSource(ctx.templateInfo.baseUrl, ctx.input.url, { file: true, token: ctx.input.token });
    await writeWorkspaceFile(ctx.workspacePath, target, file.content, file.executable);
    ctx.logger.info(`Wrote ${target}`);
  },
});
