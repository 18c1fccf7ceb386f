import 'server-only';
import { z } from 'zod';
import { listWorkspaceFiles } from '../workspace';
import { defineAction } from './types';

// Backstage's debug:log: writes a message, and optionally the workspace's files, to the task log.

export const debugLogAction = defineAction({
  id: 'debug:log',
  description: 'Writes a message (and optionally the workspace file list) to the task log.',
  input: z.object({
    message: z.string().optional().describe('Message to log'),
    listWorkspace: z
      .union([z.boolean(), z.enum(['with-filenames', 'with-contents'])])
      .optional()
      .describe('Also list the workspace'),
  }),
  async handler(ctx) {
    if (ctx.input.message) ctx.logger.info(ctx.input.message);
    if (ctx.input.listWorkspace) {
      for (const f of await listWorkspaceFiles(ctx.workspacePath)) {
        ctx.logger.info(ctx.input.listWorkspace === 'with-contents' ? `${f.path}:\n${f.content.toString('utf8')}` : f.path);
      }
    }
  },
});
