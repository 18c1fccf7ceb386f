import 'server-only';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import { readTemplateSource } from '../fetch-source';
import { tokenInput } from '../github';
import { confinedRelativePath } from '../model/paths';
import { writeWorkspaceFile } from '../workspace';
import { ActionError, defineAction } from './types';

// Backstage's fetch:template: a skeleton folder rendered with `${{ values.* }}` (file contents and
// file and folder names), into targetPath of the workspace.
// https://backstage.io/docs/features/software-templates/builtin-actions

/** Nunjucks' whitespace options, which fetch:template and fetch:template:file take. */
export const whitespaceInputs = {
  trimBlocks: z.boolean().default(false).describe('Leave out the first newline after a block tag ({% %})'),
  lstripBlocks: z.boolean().default(false).describe('Leave out the spaces and tabs before a block tag on its own line'),
};

const input = z.object({
  url: z.string().min(1).describe('Relative path or absolute URL of the skeleton folder'),
  targetPath: z.string().default('./').describe('Folder in the workspace to write to'),
  values: z.record(z.string(), z.unknown()).default({}).describe('Values the skeleton sees as values.*'),
  copyWithoutTemplating: z.array(z.string()).optional().describe('Globs of files copied as they are (their names are still rendered)'),
  copyWithoutRender: z.array(z.string()).optional().describe('Deprecated name of copyWithoutTemplating'),
  cookiecutterCompat: z.boolean().default(false).describe('Render {{ cookiecutter.* }} templates'),
  templateFileExtension: z
    .union([z.boolean(), z.string()])
    .optional()
    .describe('Only files with this extension (".njk" when true) are rendered; it is removed'),
  replace: z.boolean().default(false).describe('Overwrite files that exist in the target'),
  ...whitespaceInputs,
  token: tokenInput,
});

/** A text file holds no NUL byte in its first 8 kB (how git tells binary files too). */
const isBinary = (b: Buffer) => b.subarray(0, 8000).includes(0);

export const fetchTemplateAction = defineAction({
  id: 'fetch:template',
  description: 'Downloads a skeleton, renders its files and names with the given values, and writes them to the workspace.',
  input,
  async handler(ctx) {
    const { input: i } = ctx;
    const target = confinedRelativePath(i.targetPath, 'targetPath');
    const files = await readTemplateSource(ctx.templateInfo.baseUrl, i.url, { token: i.token });
    const verbatim = [...(i.copyWithoutTemplating ?? []), ...(i.copyWithoutRender ?? [])];
    const ext = i.templateFileExtension === true ? '.njk' : typeof i.templateFileExtension === 'string' ? i.templateFileExtension : null;
    const { templater } = ctx;
    const dialect = { cookiecutterCompat: i.cookiecutterCompat, trimBlocks: i.trimBlocks, lstripBlocks: i.lstripBlocks };
    const context = i.cookiecutterCompat ? { cookiecutter: i.values, values: i.values } : { values: i.values };
    let written = 0;
    for (const file of files) {
      let name = file.path;
      const copyAsIs = verbatim.some((g) => path.posix.matchesGlob(file.path, g.replace(/^\.\//, '')));
      let render = !copyAsIs && !isBinary(file.content);
      if (ext) {
        render = render && name.endsWith(ext);
        if (name.endsWith(ext)) name = name.slice(0, -ext.length);
      }
      let renderedName: string;
      try {
        renderedName = templater.render(name, context, dialect);
      } catch (err) {
        throw new ActionError(`file name ${file.path}: ${(err as Error).message}`);
      }
      // A name that renders empty (`${{ 'Dockerfile' if values.docker }}`) leaves the file out.
      if (!renderedName || renderedName.endsWith('/') || renderedName.split('/').some((s) => s === '')) {
        ctx.logger.info(`Skipping ${file.path}: its name rendered empty`);
        continue;
      }
      const rel = path.posix.join(target || '.', confinedRelativePath(renderedName, `file name ${file.path}`));
      const dest = path.join(ctx.workspacePath, rel);
      if (!i.replace && existsSync(dest)) {
        ctx.logger.info(`Keeping ${rel}: it exists and replace is false`);
        continue;
      }
      let content = file.content;
      if (render) {
        try {
          content = Buffer.from(templater.render(file.content.toString('utf8'), context, dialect), 'utf8');
        } catch (err) {
          throw new ActionError(`${file.path}: ${(err as Error).message}`);
        }
      }
      await writeWorkspaceFile(ctx.workspacePath, rel, content, file.executable);
      written++;
    }
    ctx.logger.info(`Wrote ${written} files to ${target || '.'}`);
  },
});
