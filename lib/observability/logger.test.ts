import { Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { createLogger, redactText } from './logger';

describe('redactText', () => {
  it.each([
    ['postgresql://wayfinder:s3cret@db:5432/app', 'postgresql://wayfinder:[REDACTED]@db:5432/app'],
    ['connect failed for postgres://u:p%40ss@10.0.0.1/x: timeout', 'connect failed for postgres://u:[REDACTED]@10.0.0.1/x: timeout'],
    ['token ghp_abcdefghijklmnopqrstuvwxyz0123456789 used', 'token [REDACTED] used'],
    ['nothing secret here', 'nothing secret here'],
  ])('%s', (input, expected) => {
    expect(redactText(input)).toBe(expected);
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
    const out = text();
    for (const secret of ['ghp_x', 'hunter2', 'Bearer abc', 'topsecret', 'topsecret2']) expect(out).not.toContain(secret);
    expect(out).toContain('[REDACTED]');
    expect(
      out
        .trim()
        .split('\n')
        .map((l) => JSON.parse(l).msg),
    ).toEqual(['hello', 'using postgresql://app:[REDACTED]@db/app', 'failed']);
  });
});
