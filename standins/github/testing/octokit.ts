import { Octokit } from '@octokit/rest';
import type { RestValidator } from './openapi-validator';

/** An Octokit pointed at the stand-in whose every successful response is checked against GitHub's schema. */
export function validatingOctokit(baseUrl: string, token: string, validator: RestValidator): Octokit {
  const octokit = new Octokit({ baseUrl, auth: token, request: { retries: 0 } });
  octokit.hook.wrap('request', async (request, options) => {
    const res = await request(options);
    // Raw media types (mediaType.format 'raw') answer with bytes, not the JSON schema.
    if (res.status === 204 || String(res.headers['content-type'] ?? '').startsWith('application/json')) {
      validator.validate(
        String(options.method),
        validator.routeOf(String(options.method), String(options.url), baseUrl),
        res.status,
        res.data,
      );
    }
    return res;
  });
  return octokit;
}
