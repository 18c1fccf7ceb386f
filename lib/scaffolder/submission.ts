import 'server-only';
import { z } from 'zod';
import { hasPageConditions, readSubmission, resolveParameterSteps } from './model/parameter-steps';
import { Templater } from './sandbox/templater';

// Parameter pages shown on a condition (`when`, model/parameter-steps.ts), for the server: which
// pages the run form shows for the values so far, and a submission's parameters as a task takes
// them (pages hidden by their `when` not validated, their values dropped).

/** A page condition is a short expression evaluated in the request: it gets less time than a step. */
const CONDITION_TIMEOUT_MS = 500;
/**
 * All the conditions of one request together. The run form sends the pages it asks about, so they
 * are anyone's expressions, each blocking the thread every request needs while it runs: 100 pages
 * of conditions that run until stopped held it for 12 s. Conditions take milliseconds; one that
 * cannot be decided in time shows its page (evaluateCondition), the safe side.
 */
const CONDITIONS_BUDGET_MS = 1_000;

type Pages = Record<string, unknown>[];

async function withConditionSandbox<T>(pages: Pages, fn: (templater?: Templater) => T): Promise<T> {
  // A sandbox of its own (not the spare kept for the next task), only when a page has an expression.
  const templater = hasPageConditions(pages)
    ? await Templater.create({ timeoutMs: CONDITION_TIMEOUT_MS, totalMs: CONDITIONS_BUDGET_MS })
    : undefined;
  try {
    return fn(templater);
  } finally {
    templater?.dispose();
  }
}

export function readSubmittedParameters(
  pages: Pages,
  submitted: { values: Record<string, unknown>; secrets: Record<string, string> },
): Promise<ReturnType<typeof readSubmission>> {
  return withConditionSandbox(pages, (templater) => readSubmission(pages, submitted, templater));
}

export const shownPagesSchema = z.object({
  /** The template's parameter pages, each with its `when`. */
  pages: z.array(z.record(z.string(), z.unknown())).max(100),
  values: z.record(z.string(), z.unknown()),
});

/** Which pages the run form shows once these values are filled in. */
export function shownParameterPages({ pages, values }: z.infer<typeof shownPagesSchema>): Promise<boolean[]> {
  return withConditionSandbox(pages, (templater) => resolveParameterSteps(pages, values, templater).visible);
}
