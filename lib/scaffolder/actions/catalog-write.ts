import 'server-only';
import { stringify } from 'yaml';
import { z } from 'zod';
import { confinedRelativePath } from '../model/paths';
import { writeWorkspaceFile } from '../workspace';
import { SOURCE_TEMPLATE_ANNOTATION } from './catalog-register';
import { defineAction } from './types';

// Backstage's catalog:write: writes an entity as catalog-info.yaml into the workspace, marked with
// the template it came from.

export const catalogWriteAction = defineAction({
  id: 'catalog:write',
  description: 'Writes a catalog descriptor into the workspace (with backstage.io/source-template set).',
  input: z.object({
    filePath: z.string().default('catalog-info.yaml').describe('Path of the file in the workspace'),
    entity: z
      .object({ apiVersion: z.string(), kind: z.string(), metadata: z.object({ name: z.string() }).passthrough() })
      .passthrough()
      .describe('The entity to write'),
  }),
  async handler(ctx) {
    const { entity } = ctx.input;
    const metadata = entity.metadata as { annotations?: Record<string, string> } & Record<string, unknown>;
    const annotated = {
      ...entity,
      metadata: { ...metadata, annotations: { ...metadata.annotations, [SOURCE_TEMPLATE_ANNOTATION]: ctx.templateInfo.entityRef } },
    };
    const file = confinedRelativePath(ctx.input.filePath, 'filePath');
    await writeWorkspaceFile(ctx.workspacePath, file, stringify(annotated));
    ctx.logger.info(`Wrote ${file}`);
  },
});
