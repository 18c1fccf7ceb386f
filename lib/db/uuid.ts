import { randomBytes } from 'node:crypto';

/**
 * Whether a value fits a `@db.Uuid` column. Ids from URLs are checked first: PostgreSQL refuses a
 * malformed uuid with an error (a 500), where the caller means "no such record" (a 404).
 */
export function isUuid(value: string): boolean {
  return /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(value);
}

let lastMs = 0;
let sequence = 0;
// Random bytes drawn 4 KiB at a time: one randomBytes call per id cost ~10 µs (Next wraps node:crypto's
// random functions), 140 ms of a 10,000-component ingestion.
const POOL_BYTES = 4096;
let pool = Buffer.alloc(0);
let poolOffset = 0;

/**
 * A time-ordered UUID (version 7, RFC 9562): 48 bits of Unix milliseconds, a 12-bit sequence that
 * keeps ids of one process increasing within a millisecond, and 62 random bits. Rows keyed by ids
 * that grow land at the right edge of their indexes instead of at random pages, which makes bulk
 * inserts into the id-keyed tables (Entity, EntitySearch, Relation's origin) cheaper.
 */
export function uuidv7(): string {
  let ms = Date.now();
  if (ms <= lastMs) {
    ms = lastMs;
    if (++sequence > 0xfff) {
      ms = ++lastMs;
      sequence = 0;
    }
  } else {
    lastMs = ms;
    sequence = 0;
  }
  if (poolOffset + 16 > pool.length) {
    pool = randomBytes(POOL_BYTES);
    poolOffset = 0;
  }
  const b = pool.subarray(poolOffset, (poolOffset += 16));
  b.writeUIntBE(ms, 0, 6);
  b[6] = 0x70 | (sequence >> 8);
  b[7] = sequence & 0xff;
  b[8] = 0x80 | (b[8] & 0x3f);
  const h = b.toString('hex');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
}
