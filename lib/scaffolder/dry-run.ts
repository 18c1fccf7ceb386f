import 'server-only';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { z } from 'zod';
import type { Actor } from '@/lib/auth/permissions';
import { catalogEntityOf, formatDescriptorError, type Entity } from '@/lib/catalog/model';
import { AppError } from '@/lib/errors';
import { ACTIONS } from './actions/index';
import { readSubmission } from './model/parameter-steps';
import { maskSecrets } from './model/secrets';
import { parseTemplateYaml, readTemplate, type TemplateDefinition } from './model/template';
import { loadTemplate, userContext } from './queries';
import { executeSteps, type ExpressionContext, type StepHooks } from './runner/execute';
import { stepLogger } from './runner/task-log';
import { Templater } from './sandbox/templater';
import { listWorkspaceFiles, writeWorkspaceFile } from './workspace';

// POST /v2/dry-run and the template editor: runs a template with no side effects (publish,
// register and Argo CD steps say what they would do), in a throwaway folder, and returns the
// rendered files, the log and the output. Nothing is written to the database.

export const dryRunSchema = z
  .object({
    /** The template as JSON (Backstage's request) or YAML text (the editor). */
    template: z.union([z.record(z.string(), z.unknown()), z.string()]).optional(),
    /** A catalog template: run with its own files (its location). */
    templateRef: z.string().optional(),
    values: z.record(z.string(), z.unknown()).default({}),
    secrets: z.record(z.string(), z.string()).default({}),
    directoryContents: z
      .array(z.object({ path: z.string(), base64Content: z.string(), executable: z.boolean().optional() }))
      .max(2_000)
      .default([]),
  })
  .refine((b) => b.template !== undefined || b.templateRef, { message: 'give template (JSON or YAML) or templateRef' });

export type DryRunResult = {
  log: { body: { message: string; stepId?: string; status?: string } }[];
  directoryContents: { path: string; base64Content: string; executable: boolean }[];
  output: Record<string, unknown>;
  steps: { id: string; name: string; action: string; status?: string }[];
};

const LOCATION = 'backstage.io/managed-by-location';

async function resolveTemplate(input: z.infer<typeof dryRunSchema>, dir: string): Promise<TemplateDefinition> {
  if (input.templateRef && input.template === undefined) return loadTemplate(input.templateRef);
  let template: TemplateDefinition | undefined;
  if (typeof input.template === 'string') {
    const parsed = parseTemplateYaml(input.template, 'template.yaml', new Set(ACTIONS.keys()));
    if (!parsed.template) throw new AppError('BAD_REQUEST', parsed.errors.map(formatDescriptorError).join('\n'), { errors: parsed.errors });
    template = parsed.template;
  } else {
    const read = readTemplate(catalogEntityOf(input.template), new Set(ACTIONS.keys()));
    if (!read.template) throw new AppError('BAD_REQUEST', read.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; '));
    template = read.template;
  }
  // A pasted template reads its files from directoryContents, or — when loaded from the catalog —
  // from that template's real location, never from a location the paste claims for itself.
  let location = `file:${path.join(dir, 'template', 'template.yaml')}`;
  if (input.templateRef && !input.directoryContents.length) {
    const real = (await loadTemplate(input.templateRef)).entity.metadata.annotations?.[LOCATION];
    if (real) location = real;
  }
  const entity: Entity = {
    ...template.entity,
    metadata: { ...template.entity.metadata, annotations: { ...template.entity.metadata.annotations, [LOCATION]: location } },
  };
  return { ...template, entity };
}

export async function dryRun(actor: Actor, input: z.infer<typeof dryRunSchema>): Promise<DryRunResult> {
  const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'wayfinder-dry-run-'));
  let templater: Templater | undefined;
  try {
    const templateDir = path.join(dir, 'template');
    const workspace = path.join(dir, 'workspace');
    await fs.mkdir(templateDir, { recursive: true });
    await fs.mkdir(workspace, { recursive: true });
    for (const f of input.directoryContents)
      await writeWorkspaceFile(templateDir, f.path, Buffer.from(f.base64Content, 'base64'), f.executable);
    const template = await resolveTemplate(input, dir);
    templater = await Templater.create();
    const { errors, values, secrets } = readSubmission(template.spec.parameters, input, templater);
    if (errors.length)
      throw new AppError('BAD_REQUEST', `Some parameters are invalid: ${errors.map((e) => `${e.field}: ${e.message}`).join('; ')}`, {
        fieldErrors: errors,
      });

    const log: DryRunResult['log'] = [];
    const status = new Map<string, string>();
    const checkpoints = new Map<string, unknown>();
    const hooks: StepHooks = {
      onStart: async (step) => void status.set(step.id, 'processing'),
      onEnd: async (step, state) => void status.set(step.id, state),
      logger: (step) => stepLogger(async (message) => void log.push({ body: { message: maskSecrets(message, secrets), stepId: step.id } })),
      checkpoint: async (step, key, fn) => {
        const k = `${step.id}\u0000${key}`;
        if (!checkpoints.has(k)) checkpoints.set(k, await fn());
        return checkpoints.get(k) as never;
      },
    };
    const user = await userContext(actor.userRef ?? null);
    const context: ExpressionContext = { parameters: values, steps: {}, user, secrets };
    const result = await executeSteps({
      template,
      context,
      templater,
      workspacePath: workspace,
      actions: ACTIONS,
      done: new Set(),
      isDryRun: true,
      signal: new AbortController().signal,
      taskId: 'dry-run',
      hooks,
    });
    if (result.state === 'failed')
      log.push({
        body: {
          message: `Dry run failed at step ${result.stepId}: ${maskSecrets(result.error, secrets)}`,
          stepId: result.stepId,
          status: 'failed',
        },
      });
    const files = await listWorkspaceFiles(workspace);
    return {
      log,
      directoryContents: files.map((f) => ({ path: f.path, base64Content: f.content.toString('base64'), executable: f.executable })),
      output: result.state === 'completed' ? result.output : {},
      steps: template.spec.steps.map((s) => ({ id: s.id, name: s.name ?? s.id, action: s.action, status: status.get(s.id) ?? 'skipped' })),
    };
  } finally {
    templater?.dispose();
    await fs.rm(dir, { recursive: true, force: true });
  }
}
