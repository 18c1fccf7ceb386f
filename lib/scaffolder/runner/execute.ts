import 'server-only';
import { z } from 'zod';
import type { Entity } from '@/lib/catalog/model';
import { templateBaseUrl } from '../fetch-source';
import { ActionError, type ActionLogger, type ScaffolderAction } from '../actions/types';
import { isTruthy, renderString, renderValue } from '../model/render';
import { decoySecrets, derivedSecrets, maskSecrets, maskSecretsDeep, type Secrets } from '../model/secrets';
import { unknownActionMessage, type TemplateDefinition, type TemplateStep } from '../model/template';
import type { Templater } from '../sandbox/templater';

// Runs a template's steps in order, as Backstage's NunjucksWorkflowRunner does: `if:` decides
// whether a step runs (with `each:`, whether each iteration runs), `each:` repeats it (outputs
// become lists), inputs are rendered and then validated against the action's schema, and `output`
// is rendered once every step is done. The caller (a durable task, or a dry run) decides where step
// states, logs and the workspace go.
// A step's outputs are shown and stored: every secret value in them is masked before they are
// (and before later steps and `output` read them, so a resumed task sees what a fresh one sees).
// What a step's inputs make of a secret (`${{ secrets.token | upper }}`) is masked from then on
// too, in the log, outputs and errors (model/secrets.ts).

export type StepState = 'completed' | 'skipped' | 'failed' | 'cancelled';

export type ExpressionContext = {
  parameters: Record<string, unknown>;
  steps: Record<string, { output: Record<string, unknown> }>;
  user: { ref?: string; entity?: Entity };
  secrets: Record<string, string>;
  each?: { key: string | number; value: unknown };
};

export type StepHooks = {
  /** A step starts (after a resume too). */
  onStart(step: TemplateStep): Promise<void>;
  onEnd(step: TemplateStep, state: StepState, output: Record<string, unknown>, error?: string): Promise<void>;
  logger(step: TemplateStep): ActionLogger & { flush(): Promise<void> };
  checkpoint<T>(step: TemplateStep, key: string, fn: () => Promise<T>): Promise<T>;
};

export type ExecuteOptions = {
  template: TemplateDefinition;
  context: ExpressionContext;
  templater: Templater;
  workspacePath: string;
  actions: ReadonlyMap<string, ScaffolderAction>;
  /** Steps already done (resume, retry): not run again. */
  done: ReadonlySet<string>;
  isDryRun: boolean;
  signal: AbortSignal;
  taskId: string;
  hooks: StepHooks;
};

export type ExecuteResult =
  | { state: 'completed'; output: Record<string, unknown> }
  | { state: 'failed'; stepId: string; error: string }
  | { state: 'cancelled'; stepId: string | null };

export async function executeSteps(o: ExecuteOptions): Promise<ExecuteResult> {
  // The secrets and, as steps render them, what their inputs made of them.
  const masked: Record<string, string> = { ...o.context.secrets };
  for (const step of o.template.spec.steps) {
    if (o.done.has(step.id)) continue;
    if (o.signal.aborted) return { state: 'cancelled', stepId: step.id };
    await o.hooks.onStart(step);
    const hookLog = o.hooks.logger(step);
    const mask = (level: 'info' | 'warn' | 'error') => (message: string) => hookLog[level](maskSecrets(message, masked));
    const log = { info: mask('info'), warn: mask('warn'), error: mask('error'), flush: () => hookLog.flush() };
    try {
      const result = await runStep(o, step, log, masked);
      await log.flush();
      const output = maskSecretsDeep(result.output, masked);
      await o.hooks.onEnd(step, result.skipped ? 'skipped' : 'completed', output);
      o.context.steps[step.id] = { output };
    } catch (err) {
      const cancelled = o.signal.aborted;
      const message = cancelled ? 'cancelled' : maskSecrets(describe(err), masked);
      if (!cancelled) log.error(message);
      await log.flush();
      await o.hooks.onEnd(step, cancelled ? 'cancelled' : 'failed', {}, message);
      return cancelled ? { state: 'cancelled', stepId: step.id } : { state: 'failed', stepId: step.id, error: message };
    }
  }
  // `output` is shown to everyone who can see the task: it is rendered without secrets, and what
  // reaches it another way (a parameter, a file's contents) is masked.
  const output = renderValue(o.templater, o.template.spec.output ?? {}, { ...o.context, secrets: {} }, 'output') as Record<string, unknown>;
  for (const key of ['links', 'text']) if (Array.isArray(output[key])) output[key] = withoutConditionalItems(output[key] as unknown[]);
  return { state: 'completed', output: maskSecretsDeep(output, masked) };
}

/**
 * Output links and text may carry `if` (Template.v1beta3 schema): an item whose rendered `if` is
 * false is left out, and `if` is removed from the others (scaffolder-backend helper.filterConditionalItems).
 */
function withoutConditionalItems(items: unknown[]): unknown[] {
  return items.flatMap((item) => {
    if (!item || typeof item !== 'object' || Array.isArray(item)) return [item];
    if ('if' in item && !isTruthy(item.if)) return [];
    const { if: _if, ...rest } = item as Record<string, unknown>;
    void _if;
    return [rest];
  });
}

function describe(err: unknown): string {
  if (err instanceof Error) return err.message;
  return String(err);
}

async function runStep(
  o: ExecuteOptions,
  step: TemplateStep,
  log: ActionLogger,
  masked: Record<string, string>,
): Promise<{ skipped: boolean; output: Record<string, unknown> }> {
  const name = step.name ?? step.id;
  const condition = (ctx: ExpressionContext) =>
    typeof step.if === 'string' ? isTruthy(renderString(o.templater, step.if, ctx, `steps.${step.id}.if`)) : step.if !== false;
  // With each:, a condition (usually about `each`) is decided for every iteration; only `if: false` skips the step.
  if (step.if === false || (step.each === undefined && !condition(o.context))) {
    log.info(`Skipping step ${name}: its condition is false`);
    return { skipped: true, output: {} };
  }
  const action = o.actions.get(step.action);
  if (!action) throw new ActionError(unknownActionMessage(step.action));
  const iterations = eachIterations(o, step);
  const output: Record<string, unknown> = {};
  log.info(`Beginning step ${name}`);
  let warned = false;
  for (const each of iterations) {
    const ctx = each ? { ...o.context, each } : o.context;
    if (each && !condition(ctx)) {
      log.info(`Skipping iteration ${each.key} of step ${name}: its condition is false`);
      continue;
    }
    const rendered = renderValue(o.templater, step.input ?? {}, ctx, 'input');
    for (const value of secretsMadeBy(o, step, ctx, rendered)) masked[`derived:${Object.keys(masked).length}`] = value;
    const parsed = action.input.safeParse(rendered);
    if (!parsed.success) {
      const problems = parsed.error.issues.map((i) => `input.${i.path.join('.')}: ${i.message}`).join('; ');
      throw new ActionError(`${step.action} got invalid input: ${problems}`);
    }
    const unread = warned ? [] : unreadInputs(action.input, rendered);
    if (unread.length) {
      warned = true;
      const names = unread.map((k) => `input.${k}`);
      const listed = names.length > 1 ? `${names.slice(0, -1).join(', ')} or ${names.at(-1)}` : names[0];
      log.warn(
        `Step ${name}: ${step.action} does not read ${listed} here, so ${names.length > 1 ? 'they were' : 'it was'} left out (/create/actions lists what it reads)`,
      );
    }
    await action.handler({
      input: parsed.data,
      workspacePath: o.workspacePath,
      logger: log,
      output: (key, value) => {
        // With each:, every iteration adds to a list.
        if (each) output[key] = [...((output[key] as unknown[] | undefined) ?? []), value];
        else output[key] = value;
      },
      secrets: o.context.secrets,
      templateInfo: {
        entityRef: o.template.ref,
        baseUrl: templateBaseUrl(o.template.entity.metadata.annotations?.['backstage.io/managed-by-location']),
        entity: o.template.entity,
      },
      user: o.context.user,
      taskId: o.taskId,
      stepId: step.id,
      isDryRun: o.isDryRun,
      signal: o.signal,
      templater: o.templater,
      checkpoint: (key, fn) => o.hooks.checkpoint(step, key, fn),
    });
  }
  log.info(`Finished step ${name}`);
  return { skipped: false, output };
}

/**
 * The keys of a step's input its action does not read: an option of Backstage's action that
 * Wayfinder does not have, or a misspelt one. zod leaves them out of the parsed input silently.
 */
function unreadInputs(schema: z.ZodType, rendered: unknown): string[] {
  if (!(schema instanceof z.ZodObject) || !rendered || typeof rendered !== 'object' || Array.isArray(rendered)) return [];
  return Object.keys(rendered).filter((k) => !(k in schema.shape));
}

/** The strings of a step's rendered input that its template made from a secret (model/secrets.ts). */
function secretsMadeBy(o: ExecuteOptions, step: TemplateStep, ctx: ExpressionContext, rendered: unknown): string[] {
  const secrets: Secrets = ctx.secrets;
  if (!Object.keys(secrets).length || !JSON.stringify(step.input ?? {}).includes('secrets')) return [];
  let decoy: unknown;
  try {
    decoy = renderValue(o.templater, step.input ?? {}, { ...ctx, secrets: decoySecrets(secrets) }, 'input');
  } catch {
    // A template that fails on other values (`secrets.port | int` on letters): all of it is taken.
    decoy = undefined;
  }
  return derivedSecrets(rendered, decoy).filter((value) => !Object.values(secrets).includes(value));
}

function eachIterations(o: ExecuteOptions, step: TemplateStep): ({ key: string | number; value: unknown } | null)[] {
  if (step.each === undefined) return [null];
  const value = typeof step.each === 'string' ? renderString(o.templater, step.each, o.context, `steps.${step.id}.each`) : step.each;
  if (Array.isArray(value)) return value.map((v, i) => ({ key: i, value: v }));
  if (value && typeof value === 'object') return Object.entries(value).map(([k, v]) => ({ key: k, value: v }));
  throw new ActionError(`each of step ${step.id} must render to a list or an object, got ${JSON.stringify(value)}`);
}
