import { describe, expect, it } from 'vitest';
import { isPacedWrite, WritePacer } from './write-pacing';

// A virtual clock: sleeping advances it, so the tests read the pacing policy in milliseconds.
function virtualClock() {
  let now = 0;
  return { now: () => now, sleep: async (ms: number) => void (now += ms), advance: (ms: number) => void (now += ms) };
}

async function startTimes(pacer: WritePacer, clock: ReturnType<typeof virtualClock>, count: number): Promise<number[]> {
  const times: number[] = [];
  await Promise.all(Array.from({ length: count }, () => pacer.run(async () => void times.push(clock.now()))));
  return times;
}

describe('WritePacer', () => {
  it('lets a burst go back to back, then one write per second', async () => {
    const clock = virtualClock();
    const times = await startTimes(new WritePacer(10, 1000, clock), clock, 13);
    expect(times).toEqual([0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1000, 2000, 3000]);
  });

  it('never allows more than burst + 60 writes in a minute (GitHub: at most 80 content-creating requests a minute)', async () => {
    const clock = virtualClock();
    const times = await startTimes(new WritePacer(10, 1000, clock), clock, 200);
    for (let i = 0; i < times.length; i++)
      expect(times.filter((t) => t >= times[i] && t < times[i] + 60_000).length).toBeLessThanOrEqual(70);
  });

  it('runs writes one at a time, in order, even when callers start them together', async () => {
    const clock = virtualClock();
    const pacer = new WritePacer(10, 1000, clock);
    const events: string[] = [];
    const write = (name: string) =>
      pacer.run(async () => {
        events.push(`${name} start`);
        await new Promise((r) => setTimeout(r, 5));
        events.push(`${name} end`);
      });
    await Promise.all([write('a'), write('b')]);
    expect(events).toEqual(['a start', 'a end', 'b start', 'b end']);
  });

  it('refills a token a second after it was taken, up to the burst', async () => {
    const clock = virtualClock();
    const pacer = new WritePacer(3, 1000, clock);
    expect(await startTimes(pacer, clock, 3)).toEqual([0, 0, 0]);
    clock.advance(1500);
    // One token came back at 1000; the next at 2000.
    expect(await startTimes(pacer, clock, 2)).toEqual([1500, 2000]);
    clock.advance(60_000);
    expect((await startTimes(pacer, clock, 4)).map((t) => t - 62_000)).toEqual([0, 0, 0, 1000]);
  });

  it('after drain (a secondary rate limit) spaces every write a second apart', async () => {
    const clock = virtualClock();
    const pacer = new WritePacer(10, 1000, clock);
    pacer.drain();
    expect(await startTimes(pacer, clock, 3)).toEqual([1000, 2000, 3000]);
  });

  it('a failed write does not stop the ones queued behind it', async () => {
    const clock = virtualClock();
    const pacer = new WritePacer(10, 1000, clock);
    const failing = pacer.run(async () => Promise.reject(new Error('422')));
    const next = pacer.run(async () => 'ok');
    await expect(failing).rejects.toThrow('422');
    await expect(next).resolves.toBe('ok');
  });
});

describe('isPacedWrite', () => {
  it.each([
    ['POST', '/repos/acme/x/git/trees', true],
    ['PUT', 'https://api.github.com/repos/acme/x/topics', true],
    ['DELETE', '/repos/acme/x/git/refs/heads/master', true],
    ['GET', '/repos/acme/x', false],
    ['HEAD', '/repos/acme/x', false],
    // Minting an installation token happens inside a paced write: pacing it would wait on itself.
    ['POST', '/app/installations/42/access_tokens', false],
    ['POST', '/login/oauth/access_token', false],
  ])('%s %s → %s', (method, url, paced) => {
    expect(isPacedWrite(method, url)).toBe(paced);
  });
});
