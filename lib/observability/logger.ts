import pino from 'pino';
import { getEnv } from '@/lib/env';

// Values that must never reach a log line, whatever object they travel in.
const REDACT_PATHS = [
  'password',
  '*.password',
  'token',
  '*.token',
  'accessToken',
  '*.accessToken',
  'secret',
  '*.secret',
  'authorization',
  '*.authorization',
  'headers.authorization',
  'headers.cookie',
  '*.headers.authorization',
  '*.headers.cookie',
  'connectionString',
  '*.connectionString',
  'DATABASE_URL',
  '*.DATABASE_URL',
];

/**
 * Removes credentials from URLs inside free text (e.g. a driver error quoting DATABASE_URL). The
 * password runs to the last `@` before whitespace: a password may hold `@` or, not percent-encoded
 * (the mistake that makes such a URL invalid and quoted in the error), `/`.
 */
export function redactText(text: string): string {
  return redactUrlPasswords(text).replace(/\b(gh[pousr]_[A-Za-z0-9]{20,}|github_pat_[A-Za-z0-9_]{20,})\b/g, '[REDACTED]');
}

const SCHEME_CHAR = /[a-z0-9+.-]/i;
const LETTER = /[a-z]/i;
const WORD_CHAR = /\w/;
const BLANK = /\s/;
const NOT_USER_CHAR = /[:@/\s]/;

/**
 * What `text.replace(/(\b[a-z][a-z0-9+.-]*:\/\/)([^:@/\s]+):(\S*)@/gi, '$1$2:[REDACTED]@')` gives,
 * in time linear in the text. Logged text may quote a repository's or a user's (Node's
 * ERR_INVALID_URL keeps its whole input): that regex started a scheme at each word in a run such as
 * `a.a.a…` and a password scan to the end of the word at each `://`, and took 14 s on 200 KB.
 * Here each `://` is looked at once: its scheme is the run of scheme characters before it, from
 * its first letter that starts a word; the password's end, the last `@` of a word, is found once
 * per word.
 */
function redactUrlPasswords(text: string): string {
  let out = '';
  let copied = 0;
  let wordEnd = -1;
  let lastAt = -1;
  for (let sep = text.indexOf('://'); sep !== -1; sep = text.indexOf('://', Math.max(sep + 1, copied))) {
    let runStart = sep;
    while (runStart > copied && SCHEME_CHAR.test(text[runStart - 1])) runStart--;
    let start = runStart;
    while (start < sep && !(LETTER.test(text[start]) && (start === 0 || !WORD_CHAR.test(text[start - 1])))) start++;
    if (start === sep) continue;
    let colon = sep + 3;
    while (colon < text.length && !NOT_USER_CHAR.test(text[colon])) colon++;
    if (colon === sep + 3 || text[colon] !== ':') continue;
    if (colon + 1 > wordEnd) {
      lastAt = -1;
      for (wordEnd = colon + 1; wordEnd < text.length && !BLANK.test(text[wordEnd]); wordEnd++) if (text[wordEnd] === '@') lastAt = wordEnd;
    }
    if (lastAt <= colon) continue;
    out += `${text.slice(copied, colon + 1)}[REDACTED]`;
    copied = lastAt;
  }
  return out + text.slice(copied);
}

/**
 * A serialized error with redactText applied to every string in it: the serializer copies an error's
 * own fields too, and some quote their input whole (Node's ERR_INVALID_URL keeps the URL, password
 * and all, in `input`; driver errors keep queries and hosts in theirs).
 */
function redactFields<T>(value: T, depth = 0): T {
  if (typeof value === 'string') return redactText(value) as T;
  if (!value || typeof value !== 'object' || depth > 4) return value;
  if (Array.isArray(value)) return value.map((v) => redactFields(v, depth + 1)) as T;
  const out: Record<string, unknown> = {};
  for (const [key, v] of Object.entries(value)) out[key] = redactFields(v, depth + 1);
  return out as T;
}

type Logger = pino.Logger;
const KEY = Symbol.for('wayfinder.logger');
const store = globalThis as unknown as { [KEY]?: Logger };

export function getLogger(): Logger {
  store[KEY] ??= createLogger(getEnv().LOG_LEVEL, batchedStdout());
  return store[KEY];
}

/**
 * Standard output written a few kilobytes at a time: a synchronous write for each line was ~0.1 ms
 * of every catalog API request's CPU (by-name at 10,000 components: ~0.87 → ~0.77 ms of the server's
 * CPU). A line waits at most 100 ms; pino writes out what is left when the process exits, which it
 * does on SIGTERM and SIGINT too (exitOnTermination). Only a SIGKILL or a crash of the runtime
 * itself loses the last 100 ms of lines.
 */
function batchedStdout(): pino.DestinationStream {
  return pino.destination({ dest: 1, sync: false, minLength: 4096, periodicFlush: 100 });
}

/**
 * SIGTERM (docker stop, systemd) and SIGINT end the process through process.exit, so that the log
 * lines still batched are written; without a handler Node would die at once. Jobs it was running are
 * durable and run again.
 */
export function exitOnTermination(): void {
  for (const signal of ['SIGTERM', 'SIGINT'] as const) process.once(signal, () => process.exit(0));
}

/** The app's logger configuration; `destination` defaults to stdout. */
export function createLogger(level: string, destination?: pino.DestinationStream): Logger {
  return pino(
    {
      level,
      base: { app: 'wayfinder' },
      redact: { paths: REDACT_PATHS, censor: '[REDACTED]' },
      formatters: { level: (label) => ({ level: label }) },
      hooks: {
        logMethod(args, method) {
          method.apply(this, args.map((a) => (typeof a === 'string' ? redactText(a) : a)) as Parameters<typeof method>);
        },
      },
      serializers: {
        err: (err: Error) => redactFields(pino.stdSerializers.err(err)),
      },
    },
    destination,
  );
}
