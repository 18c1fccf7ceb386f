import { describe, expect, it } from 'vitest';
import { readJson } from './route';

/** A request whose body streams `chunks` 64 KB chunks of spaces (valid JSON padding), counting what was pulled. */
function streaming(chunks: number, headers: Record<string, string> = {}) {
  let pulled = 0;
  const body = new ReadableStream<Uint8Array>(
    {
      pull(controller) {
        if (pulled === chunks) return controller.close();
        pulled++;
        controller.enqueue(new Uint8Array(64 * 1024).fill(0x20));
      },
    },
    { highWaterMark: 0 }, // a chunk is made only when read
  );
  const req = new Request('http://localhost/api', { method: 'POST', body, headers, duplex: 'half' } as RequestInit);
  return { req, pulled: () => pulled };
}

describe('readJson', () => {
  it('parses a JSON body, and an empty optional one as undefined', async () => {
    expect(await readJson(new Request('http://localhost/api', { method: 'POST', body: '{"a":[1]}' }))).toEqual({ a: [1] });
    expect(
      await readJson(new Request('http://localhost/api', { method: 'POST', body: ' ' }), undefined, { optional: true }),
    ).toBeUndefined();
    await expect(readJson(new Request('http://localhost/api', { method: 'POST', body: '{' }))).rejects.toThrow(
      'request body is not valid JSON',
    );
  });

  it('refuses a body over the limit as soon as the bytes read pass it, without reading the rest', async () => {
    const { req, pulled } = streaming(1_000); // 64 MB if read whole
    await expect(readJson(req, 200 * 1024)).rejects.toMatchObject({
      code: 'PAYLOAD_TOO_LARGE',
      message: 'request body is over 204800 bytes',
    });
    expect(pulled()).toBe(4); // 256 KB read: the fourth chunk passes 200 KB
  });

  it('refuses by Content-Length before reading anything', async () => {
    const { req, pulled } = streaming(1, { 'content-length': String(2 * 1024 * 1024) });
    await expect(readJson(req)).rejects.toMatchObject({ code: 'PAYLOAD_TOO_LARGE' });
    expect(pulled()).toBe(0);
  });

  it('counts bytes, not characters', async () => {
    const text = JSON.stringify('é'.repeat(600)); // 1,202 bytes, 602 characters
    await expect(readJson(new Request('http://localhost/api', { method: 'POST', body: text }), 1_000)).rejects.toMatchObject({
      code: 'PAYLOAD_TOO_LARGE',
    });
    expect(await readJson(new Request('http://localhost/api', { method: 'POST', body: text }), 1_202)).toBe('é'.repeat(600));
  });
});
