import { request } from 'node:http';
import type { AddressInfo } from 'node:net';

/** The x-request-id of warm-up requests, as the access log shows them. */
export const WARM_UP_REQUEST_ID = 'warm-up';

/**
 * Sends one HEAD request to each path on the server listening at `address`, one after another, so
 * Next loads those routes' modules now rather than on their first real request (Next loads a route
 * on its first request: `preloadEntriesOnStart: false` in next.config.mjs). A route without a HEAD
 * or GET handler answers 405 after loading. Never rejects: a failed warm-up only leaves the load to
 * the first real request.
 */
export async function warmUp(address: AddressInfo, paths: string[]): Promise<void> {
  const host = address.address === '0.0.0.0' ? '127.0.0.1' : address.address === '::' ? '::1' : address.address;
  for (const path of paths) {
    await new Promise<void>((resolve) => {
      request({ host, port: address.port, path, method: 'HEAD', headers: { 'x-request-id': WARM_UP_REQUEST_ID } }, (res) =>
        res
          .resume()
          .on('end', resolve)
          .on('error', () => resolve()),
      )
        .on('error', () => resolve())
        .end();
    });
  }
}
