import { spawn } from 'node:child_process';
import { Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { until } from '@/testing/github-environment';
import { createLogger, redactText } from './logger';

describe('redactText', () => {
  it.each([
    ['postgresql://wayfinder:s3cret@db:5432/app', 'postgresql://wayfinder:[REDACTED]@db:5432/app'],
    ['connect failed for postgres://u:p%40ss@10.0.0.1/x: timeout', 'connect failed for postgres://u:[REDACTED]@10.0.0.1/x: timeout'],
    ['postgres://app:p@ss@db/app failed', 'postgres://app:[REDACTED]@db/app failed'],
    ['token ghp_abcdefghijklmnopqrstuvwxyz0123456789 used', 'token [REDACTED] used'],
    ['nothing secret here', 'nothing secret here'],
    ['a.b://u:p@h and 1a.b://v:q@h', 'a.b://u:[REDACTED]@h and 1a.b://v:[REDACTED]@h'],
    ['x://u:p@a@b x://v:q', 'x://u:[REDACTED]@b x://v:q'],
  ])('%s', (input, expected) => {
    expect(redactText(input)).toBe(expected);
  });

  it.each([
    ['words joined by dots', 'a.'.repeat(100_000)],
    ['URLs with a user and no @', 'a://b:'.repeat(33_000)],
  ])('reads 200 KB of %s in time that grows with its length, not its square', (_what, text) => {
    // Logged errors may quote a repository's or a user's text whole (ERR_INVALID_URL keeps its input).
    const started = performance.now();
    expect(redactText(`${text} postgres://app:s3cret@db`)).toBe(`${text} postgres://app:[REDACTED]@db`);
    expect(performance.now() - started).toBeLessThan(1_000);
  });
});

describe('createLogger', () => {
  const capture = () => {
    const lines: string[] = [];
    const sink = new Writable({ write: (chunk, _enc, cb) => (lines.push(String(chunk)), cb()) });
    return { logger: createLogger('info', sink), text: () => lines.join('') };
  };

  it('redacts secret fields, connection strings in messages, and errors', () => {
    const { logger, text } = capture();
    logger.info({ token: 'ghp_x', db: { password: 'hunter2' }, headers: { authorization: 'Bearer abc' } }, 'hello');
    logger.info('using postgresql://app:topsecret@db/app');
    logger.error({ err: new Error('cannot reach postgres://app:topsecret2@db/app') }, 'failed');
    // An unencoded `/` makes DATABASE_URL invalid: Node's error quotes it whole in its `input` field.
    let invalid: unknown;
    try {
      new URL('postgres://app:top/secret3@db/app');
    } catch (err) {
      invalid = err;
    }
    logger.fatal({ err: invalid }, 'could not start');
    const out = text();
    for (const secret of ['ghp_x', 'hunter2', 'Bearer abc', 'topsecret', 'topsecret2', 'top/secret3']) expect(out).not.toContain(secret);
    expect(out).toContain('[REDACTED]');
    expect(
      out
        .trim()
        .split('\n')
        .map((l) => JSON.parse(l).msg),
    ).toEqual(['hello', 'using postgresql://app:[REDACTED]@db/app', 'failed', 'could not start']);
  });
});

describe('getLogger', () => {
  // The app's own logger in a process of its own, as the server and the worker use it: lines are
  // batched, so what matters is that they arrive while the process runs and when a signal ends it.
  it('writes lines within about 100 ms, and the ones still batched when SIGTERM ends the process', async () => {
    const code = `
      import { exitOnTermination, getLogger } from './lib/observability/logger.ts';
      exitOnTermination();
      getLogger().info('first');
      process.on('SIGUSR2', () => { getLogger().info('last'); process.stderr.write('logged last\\n'); });
      setInterval(() => {}, 1000);`;
    const child = spawn(process.execPath, ['--import', 'tsx', '--conditions=react-server', '--input-type=module', '-e', code], {
      env: { ...process.env, LOG_LEVEL: 'info' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    let err = '';
    child.stdout.on('data', (chunk: Buffer) => (out += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (err += chunk.toString()));
    const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
    await until(async () => out.includes('"msg":"first"'), Boolean, 20_000);
    child.kill('SIGUSR2');
    await until(async () => err.includes('logged last'), Boolean, 5_000);
    child.kill('SIGTERM');
    expect(await exited).toBe(0);
    expect(
      out
        .trim()
        .split('\n')
        .map((line) => JSON.parse(line).msg),
    ).toEqual(['first', 'last']);
  }, 30_000);
});
