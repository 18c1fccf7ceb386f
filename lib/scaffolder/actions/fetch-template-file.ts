import 'server-only';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import { readTemplateSource } from '../fetch-source';
import { tokenInput } from '../github';
import { confinedRelativePath } from '../model/paths';
import { writeWorkspaceFile } from '../workspace';
import { whitespaceInputs } from './fetch-template';
import { ActionError, defineAction } from './types';

// Backstage's fetch:template:file: one file rendered with `${{ values.* }}`, written to targetPath
// (a file path). As fetch:template, a file that is there is kept unless `replace`.

export const fetchTemplateFileAction = defineAction({
  id: 'fetch:template:file',
  description: 'Downloads one file, renders it with the given values, and writes it to the workspace at targetPath.',
  input: z.object({
    url: z.string().min(1).describe('Relative path or absolute URL of the file'),
    targetPath: z.string().min(1).describe('Path of the file in the workspace'),
    values: z.record(z.string(), z.unknown()).default({}).describe('Values the file sees as values.*'),
    cookiecutterCompat: z.boolean().default(false).describe('Render {{ cookiecutter.* }} templates'),
    replace: z.boolean().default(false).describe('Overwrite the file if it exists'),
    ...whitespaceInputs,
    token: tokenInput,
  }),
  async handler(ctx) {
    const { input: i } = ctx;
    const target = confinedRelativePath(i.targetPath, 'targetPath');
    if (!target) throw new ActionError(`targetPath "${i.targetPath}" names the workspace itself; name a file`);
    if (!i.replace && existsSync(path.join(ctx.workspacePath, target))) {
      ctx.logger.info(`Keeping ${target}: it exists and replace is false`);
      return;
    }
    const [file] = await readTemplateSource(ctx.templateInfo.baseUrl, i.url, { file: true, token: i.token });
    const context = i.cookiecutterCompat ? { cookiecutter: i.values, values: i.values } : { values: i.values };
    let content: string;
    try {
      content = ctx.templater.render(file.content.toString('utf8'), context, {
        cookiecutterCompat: i.cookiecutterCompat,
        trimBlocks: i.trimBlocks,
        lstripBlocks: i.lstripBlocks,
      });
    } catch (err) {
      throw new ActionError(`${i.url}: ${(err as Error).message}`);
    }
    await writeWorkspaceFile(ctx.workspacePath, target, Buffer.from(content, 'utf8'), file.executable);
    ctx.logger.info(`Wrote ${target}`);
  },
});
