// How Wayfinder spaces its write requests (POST, PATCH, PUT, DELETE) to GitHub, per credential
// (an App installation or a token: the account GitHub counts secondary rate limits against).
//
// GitHub's published guidance (docs.github.com/rest/using-the-rest-api/best-practices-for-using-the-rest-api
// and …/rate-limits-for-the-rest-api): make requests serially, not concurrently; when making a
// *large number* of mutative requests, wait at least one second between each; no more than 80
// content-generating requests a minute; on a rate-limit answer, wait for `retry-after` (or until
// `x-ratelimit-reset`) before trying again.
//
// The policy, a token bucket per credential:
// - writes go one at a time (the next starts when the previous answered, retries included);
// - up to WRITE_BURST writes may go back to back, then one per second (a token comes back every
//   WRITE_REFILL_MS, up to WRITE_BURST). A long run of writes is thus spaced a second apart, as
//   the guidance asks, and any 60 s holds at most WRITE_BURST + 60 = 70 writes, under 80;
// - after a secondary rate limit the bucket is emptied (drain), so what follows goes at the
//   guidance's pace; the retry itself waits for GitHub's `retry-after` (client.ts).
// A small burst is what one scaffolder run needs (publish:github makes 6 writes): it no longer
// waits ~1 s before each of them, as Octokit's one global write queue made it.

export const WRITE_BURST = 10;
export const WRITE_REFILL_MS = 1_000;

type Clock = { now(): number; sleep(ms: number): Promise<void> };
const realClock: Clock = { now: () => Date.now(), sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms)) };

export class WritePacer {
  private tokens: number;
  private refilledAt: number;
  private queue: Promise<unknown> = Promise.resolve();

  constructor(
    private readonly burst = WRITE_BURST,
    private readonly refillMs = WRITE_REFILL_MS,
    private readonly clock: Clock = realClock,
  ) {
    this.tokens = burst;
    this.refilledAt = clock.now();
  }

  /** Runs `write` when this credential's previous writes are done and a token is free. */
  run<T>(write: () => Promise<T>): Promise<T> {
    const turn = this.queue.then(async () => {
      await this.take();
      return write();
    });
    this.queue = turn.catch(() => undefined);
    return turn;
  }

  /** No more burst: the writes that follow go one per refill interval. */
  drain(): void {
    this.refill();
    this.tokens = 0;
  }

  private refill(): void {
    const now = this.clock.now();
    // A full bucket earns nothing: the first token taken from it comes back refillMs later.
    if (this.tokens >= this.burst) {
      this.refilledAt = now;
      return;
    }
    const earned = Math.floor((now - this.refilledAt) / this.refillMs);
    if (earned <= 0) return;
    this.tokens = Math.min(this.burst, this.tokens + earned);
    this.refilledAt = this.tokens === this.burst ? now : this.refilledAt + earned * this.refillMs;
  }

  private async take(): Promise<void> {
    for (;;) {
      this.refill();
      if (this.tokens > 0) {
        this.tokens--;
        return;
      }
      await this.clock.sleep(this.refilledAt + this.refillMs - this.clock.now());
    }
  }
}

const pacers = new Map<string, WritePacer>();
// Templates may bring their own token (publish:github's `token`): each is a credential of its own.
// Past this many, the longest-known one is forgotten (it starts again with a full burst).
const MAX_PACERS = 1_000;

/** The pacer of one credential, shared by every client of it in this process. */
export function writePacer(identity: string): WritePacer {
  let pacer = pacers.get(identity);
  if (!pacer) {
    pacers.set(identity, (pacer = new WritePacer()));
    if (pacers.size > MAX_PACERS) pacers.delete(pacers.keys().next().value!);
  }
  return pacer;
}

// Requests that mint credentials are not writes to pace: the auth strategy makes them from inside
// a paced request (the exclusions @octokit/plugin-throttling made).
const AUTH_PATHS = [
  /^\/app\/installations\/[^/]+\/access_tokens$/,
  /^\/applications\/[^/]+\/token(?:\/scoped)?$/,
  /^\/login\/oauth\/access_token$/,
];

export function isPacedWrite(method: string, url: string): boolean {
  if (method === 'GET' || method === 'HEAD') return false;
  const { pathname } = new URL(url, 'http://github.invalid');
  return !AUTH_PATHS.some((p) => p.test(pathname));
}
