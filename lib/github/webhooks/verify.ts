import { createHmac, timingSafeEqual } from 'node:crypto';

// X-Hub-Signature-256: "sha256=" + hex HMAC-SHA256 of the raw body with the webhook secret.
// https://docs.github.com/en/webhooks/using-webhooks/validating-webhook-deliveries

export function signPayload(secret: string, body: string | Buffer): string {
  return `sha256=${createHmac('sha256', secret).update(body).digest('hex')}`;
}

/** Constant-time check; false for a missing, malformed or wrong signature, or no secret. */
export function verifySignature(secret: string | undefined, body: Buffer, header: string | null): boolean {
  if (!secret || !header || !/^sha256=[0-9a-f]{64}$/i.test(header)) return false;
  const expected = Buffer.from(signPayload(secret, body));
  const given = Buffer.from(header.toLowerCase());
  return expected.length === given.length && timingSafeEqual(expected, given);
}
