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
import { MAX_LOG_LINE, stepLogger } from './runner/task-log';
import { Templater } from './sandbox/templater';
import { listWorkspaceFiles, writeWorkspaceFile } from './workspace';

// POST /v2/dry-run and the template editor: runs a template with no side effects (publish,
// register and Argo CD steps say what they would do), in a throwaway folder, and returns the
// rendered files, the log and the output. Nothing is written to the database.
//
// Anyone who may create tasks may dry-run a template of their own, in the web process: the request
// carries the skeleton's files (up to 20 MB), but the template and the values are held to what a
// catalog template and a task's request may be (1 MB each), and the log kept in memory is bounded.
// The sandbox bounds each render and the run's renders together (sandbox/templater.ts).

const MAX_TEMPLATE_BYTES = 1024 * 1024;
const MAX_VALUES_BYTES = 1024 * 1024;
/** Characters of log a dry run keeps (each line cut at MAX_LOG_LINE, as a task's are). */
const MAX_LOG_CHARS = 1_000_000;
/** All the renders of one dry run (a task has 60 s): a preview someone waits for, on the web process. */
const RENDER_BUDGET_MS = 10_000;
/**
 * A dry run as a whole (debug:wait may ask for 10 minutes): it holds a sandbox and a folder, and
 * ends with its request, so nothing of it outlives the person waiting for it.
 */
const MAX_DRY_RUN_MS = 60_000;

const bytes = (value: unknown) => Buffer.byteLength(typeof value === 'string' ? value : (JSON.stringify(value) ?? ''));
const count = (n: number) => n.toLocaleString('en-US');

export const dryRunSchema = z
  .object({
    /** The template as JSON (Backstage's request) or YAML text (the editor). */
    template: z
      .union([z.record(z.string(), z.unknown()), z.string()])
      .optional()
      .superRefine((template, ctx) => {
        const size = template === undefined ? 0 : bytes(template);
        if (size > MAX_TEMPLATE_BYTES)
          ctx.addIssue({
            code: 'custom',
            message: `the template is ${count(size)} bytes; a template may be at most ${count(MAX_TEMPLATE_BYTES)} bytes (1 MB), as in the catalog`,
          });
      }),
    /** A catalog template: run with its own files (its location). */
    templateRef: z.string().optional(),
    values: z.record(z.string(), z.unknown()).default({}),
    secrets: z.record(z.string(), z.string()).default({}),
    directoryContents: z
      .array(z.object({ path: z.string(), base64Content: z.string(), executable: z.boolean().optional() }))
      .max(2_000)
      .default([]),
  })
  .refine((b) => b.template !== undefined || b.templateRef, { message: 'give template (JSON or YAML) or templateRef' })
  .superRefine((b, ctx) => {
    const size = bytes(b.values) + bytes(b.secrets);
    if (size > MAX_VALUES_BYTES)
      ctx.addIssue({
        code: 'custom',
        path: ['values'],
        message: `values and secrets are ${count(size)} bytes as JSON; a dry run takes at most ${count(MAX_VALUES_BYTES)} bytes (1 MB) of them, as a task does: submit fewer or shorter values`,
      });
  });

export type DryRunResult = {
  log: { body: { message: string; stepId?: string; status?: string } }[];
  directoryContents: { path: string; base64Content: string; executable: boolean }[];
  output: Record<string, unknown>;
  steps: { id: string; name: string; action: string; status?: string }[];
};

const LOCATION = 'backstage.io/managed-by-location';

/** The dry run's log: lines masked and cut as a task's are; past MAX_LOG_CHARS, lines are counted, not kept. */
function dryRunLog(secrets: Record<string, string>) {
  const lines: DryRunResult['log'] = [];
  let chars = 0;
  let left = 0;
  return {
    lines,
    push(body: DryRunResult['log'][number]['body'], always = false) {
      const message = maskSecrets(body.message, secrets).slice(0, MAX_LOG_LINE);
      if (!always && chars + message.length > MAX_LOG_CHARS) return void left++;
      chars += message.length;
      lines.push({ body: { ...body, message } });
    },
    close() {
      if (left)
        lines.push({
          body: { message: `${count(left)} more log lines were left out: a dry run keeps ${count(MAX_LOG_CHARS)} characters of log` },
        });
    },
  };
}

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

/** `request`: the HTTP request's signal (the client went away); a server action has none. */
export async function dryRun(actor: Actor, input: z.infer<typeof dryRunSchema>, request?: AbortSignal): Promise<DryRunResult> {
  const timeLimit = AbortSignal.timeout(MAX_DRY_RUN_MS);
  const signal = request ? AbortSignal.any([request, timeLimit]) : timeLimit;
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
    templater = await Templater.create({ totalMs: RENDER_BUDGET_MS });
    const { errors, values, secrets } = readSubmission(template.spec.parameters, input, templater);
    if (errors.length)
      throw new AppError('BAD_REQUEST', `Some parameters are invalid: ${errors.map((e) => `${e.field}: ${e.message}`).join('; ')}`, {
        fieldErrors: errors,
      });

    const log = dryRunLog(secrets);
    const status = new Map<string, string>();
    const checkpoints = new Map<string, unknown>();
    const hooks: StepHooks = {
      onStart: async (step) => void status.set(step.id, 'processing'),
      onEnd: async (step, state) => void status.set(step.id, state),
      logger: (step) => stepLogger(async (message) => log.push({ message, stepId: step.id })),
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
      signal,
      taskId: 'dry-run',
      hooks,
    });
    log.close();
    if (result.state === 'failed')
      log.push({ message: `Dry run failed at step ${result.stepId}: ${result.error}`, stepId: result.stepId, status: 'failed' }, true);
    if (result.state === 'cancelled') {
      const why = request?.aborted ? 'the request was closed' : `a dry run may take at most ${MAX_DRY_RUN_MS / 1000} s`;
      log.push(
        { message: `Dry run stopped at step ${result.stepId}: ${why}`, stepId: result.stepId ?? undefined, status: 'cancelled' },
        true,
      );
    }
    const files = await listWorkspaceFiles(workspace);
    return {
      log: log.lines,
      directoryContents: files.map((f) => ({ path: f.path, base64Content: f.content.toString('base64'), executable: f.executable })),
      output: result.state === 'completed' ? result.output : {},
      steps: template.spec.steps.map((s) => ({ id: s.id, name: s.name ?? s.id, action: s.action, status: status.get(s.id) ?? 'skipped' })),
    };
  } finally {
    templater?.dispose();
    await fs.rm(dir, { recursive: true, force: true });
  }
}
