import { sign } from '@octokit/webhooks-methods';
import { describe, expect, it } from 'vitest';
import { signPayload, verifySignature } from './verify';

const body = Buffer.from('{"zen":"Keep it logically awesome."}');

describe('verifySignature', () => {
  it("agrees with GitHub's own signing library", async () => {
    const header = await sign('s3cret', body.toString());
    expect(signPayload('s3cret', body)).toBe(header);
    expect(verifySignature('s3cret', body, header)).toBe(true);
  });

  it.each([
    ['missing header', 's3cret', null],
    ['wrong secret', 's3cret', signPayload('other', body)],
    ['sha1 header', 's3cret', 'sha1=0123456789abcdef0123456789abcdef01234567'],
    ['truncated', 's3cret', signPayload('s3cret', body).slice(0, 20)],
    ['no secret configured', undefined, signPayload('s3cret', body)],
  ])('refuses a %s', (_label, secret, header) => {
    expect(verifySignature(secret, body, header)).toBe(false);
  });

  it('refuses a body that was changed after signing', () => {
    expect(verifySignature('s3cret', Buffer.from('{"zen":"tampered"}'), signPayload('s3cret', body))).toBe(false);
  });
});
