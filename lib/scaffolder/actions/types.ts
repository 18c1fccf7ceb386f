import type { z } from 'zod';
import type { Entity } from '@/lib/catalog/model';
import type { Templater } from '../sandbox/templater';

// What an action gets: its rendered, validated input, the task's workspace, a logger that writes
// to the task log (secrets masked), and `output` for the step's outputs. Ids, inputs and outputs
// are Backstage's, so templates written for Backstage run unchanged.

export type ActionLogger = { info(message: string): void; warn(message: string): void; error(message: string): void };

export type ActionContext<I> = {
  input: I;
  workspacePath: string;
  logger: ActionLogger;
  output(name: string, value: unknown): void;
  secrets: Readonly<Record<string, string>>;
  templateInfo: { entityRef: string; baseUrl: string | null; entity: Entity };
  user: { ref?: string; entity?: Entity };
  taskId: string;
  stepId: string;
  /** Dry-run (the template editor): actions with side effects say what they would do. */
  isDryRun: boolean;
  signal: AbortSignal;
  /** The task's expression sandbox, for actions that render template content (fetch:template). */
  templater: Templater;
  /**
   * Runs `fn` once per task and step: on a retry or resume the stored result comes back instead
   * (Backstage's ctx.checkpoint), so a step never creates the same thing twice. JSON results only.
   */
  checkpoint<T>(key: string, fn: () => Promise<T>): Promise<T>;
};

export type ScaffolderAction<S extends z.ZodType = z.ZodType> = {
  id: string;
  description: string;
  input: S;
  /** Output names and types, for GET /v2/actions. */
  output?: z.ZodType;
  handler(ctx: ActionContext<z.infer<S>>): Promise<void>;
};

export function defineAction<S extends z.ZodType>(action: ScaffolderAction<S>): ScaffolderAction<S> {
  return action;
}

/** An action failure whose message tells the template user what to change. */
export class ActionError extends Error {
  override name = 'ActionError';
}
