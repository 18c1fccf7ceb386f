import { ERROR_STATUS, type ErrorCode } from '@/lib/errors';
import type { Logger } from 'pino';

// Next prints an error thrown while rendering a page with its stack, as plain text, whatever it
// was. An expected refusal (a member opening an admin page: an AppError with a 4xx code) is not a
// bug: it becomes one JSON line without a stack. Bugs and 5xx errors are printed as before.

type ExpectedError = { name: 'AppError'; code: ErrorCode; message: string; digest?: string };

/** Duck-typed: the page bundle and this module may hold different copies of the AppError class. */
export function expectedRefusal(value: unknown): ExpectedError | null {
  if (!value || typeof value !== 'object') return null;
  const e = value as Partial<ExpectedError>;
  if (e.name !== 'AppError' || typeof e.code !== 'string' || !(e.code in ERROR_STATUS)) return null;
  return ERROR_STATUS[e.code] < 500 ? (e as ExpectedError) : null;
}

/** Routes console.error calls that carry an expected refusal to `log` as one line. */
export function logExpectedRefusalsOnOneLine(log: Pick<Logger, 'warn'>, target: Pick<Console, 'error'> = console): void {
  const original = target.error.bind(target);
  target.error = (...args: unknown[]) => {
    const refusal = args.map(expectedRefusal).find((r) => r !== null);
    if (!refusal) return original(...args);
    log.warn({ code: refusal.code, status: ERROR_STATUS[refusal.code], digest: refusal.digest }, `refused: ${refusal.message}`);
  };
}
