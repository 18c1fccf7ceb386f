import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';

// Secrets handed to a browser or client are random; the database keeps only their SHA-256, so a
// leaked database (or backup) holds no usable session or API token.

/** A new random token with a recognisable prefix (`wfp_` personal tokens, `wfs_` sessions). */
export function generateToken(prefix: string): string {
  return `${prefix}${randomBytes(32).toString('base64url')}`;
}

export function sha256Hex(value: string): string {
  return createHash('sha256').update(value).digest('hex');
}

/** Constant-time comparison of two secrets of any length (hashes first, so lengths leak nothing). */
export function secretsEqual(a: string, b: string): boolean {
  return timingSafeEqual(createHash('sha256').update(a).digest(), createHash('sha256').update(b).digest());
}
