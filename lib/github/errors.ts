// Turns a GitHub API failure into a message that says what to fix, for locations, the
// integration page and logs. Never includes credentials.

type GithubErrorLike = { status?: number; message?: string; response?: { headers?: Record<string, string | undefined>; data?: unknown } };

export function explainGithubError(err: unknown, what: string): string {
  const e = err as GithubErrorLike;
  const headers = e.response?.headers ?? {};
  const apiMessage = (e.response?.data as { message?: string } | undefined)?.message ?? e.message ?? 'unknown error';
  switch (e.status) {
    case 401:
      return `GitHub rejected the credentials while reading ${what} (${apiMessage}): the token is expired, revoked or mistyped; create a new one and update integrations.github[].token`;
    case 403:
    case 429: {
      if (headers['x-ratelimit-remaining'] === '0' || e.status === 429 || /rate limit/i.test(apiMessage)) {
        const reset = Number(headers['x-ratelimit-reset']);
        const when = reset ? new Date(reset * 1000).toISOString() : 'later';
        return `GitHub's rate limit is exhausted while reading ${what}; it resets at ${when}. Wayfinder retries then.`;
      }
      if (/SAML|SSO/i.test(apiMessage))
        return `the organisation enforces SAML single sign-on: authorize the token for SSO in GitHub's token settings (${what})`;
      const scopes = headers['x-accepted-oauth-scopes'];
      const permissions = headers['x-accepted-github-permissions'];
      const need = permissions
        ? `the GitHub App needs the permission ${permissions}`
        : scopes
          ? `the token needs the scope(s) ${scopes}`
          : 'the credentials lack a scope or App permission';
      return `GitHub refused access to ${what} (${apiMessage}): ${need}`;
    }
    case 404:
      return `${what} was not found on GitHub, or the credentials cannot see it: check the URL, and that the token or App has access to the repository`;
    case 422:
      return `GitHub refused the request for ${what}: ${apiMessage}`;
    default:
      if (e.status && e.status >= 500)
        return `GitHub failed (HTTP ${e.status}) while reading ${what}, also after retries; the last good data stays and the next refresh tries again`;
      return `could not read ${what} from GitHub: ${apiMessage}`;
  }
}

/**
 * The core rate limit a refusal (403/429) reports in its `x-ratelimit-*` headers, e.g. while the
 * limit is exhausted; null for other errors (a 401's headers describe the anonymous limit).
 */
export function rateLimitOfError(err: unknown): { limit: number; remaining: number; resetAt: string } | null {
  const e = err as GithubErrorLike;
  if (e.status !== 403 && e.status !== 429) return null;
  const headers = e.response?.headers ?? {};
  const [limit, remaining, reset] = ['x-ratelimit-limit', 'x-ratelimit-remaining', 'x-ratelimit-reset'].map((h) =>
    Number(headers[h] ?? NaN),
  );
  if (![limit, remaining, reset].every(Number.isFinite)) return null;
  return { limit, remaining, resetAt: new Date(reset * 1000).toISOString() };
}
