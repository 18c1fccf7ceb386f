// GitHub's error body: { message, documentation_url, status } (status as a string, as the API sends it).

export const DOCS = 'https://docs.github.com/rest';

export class HttpError extends Error {
  constructor(
    readonly status: number,
    message: string,
    readonly extra: Record<string, unknown> = {},
    readonly headers: Record<string, string> = {},
  ) {
    super(message);
  }

  body() {
    return { message: this.message, ...this.extra, documentation_url: DOCS, status: String(this.status) };
  }
}

export const notFound = () => new HttpError(404, 'Not Found');

export function unprocessable(message: string, errors: unknown[] = []) {
  return new HttpError(422, message, errors.length ? { errors } : {});
}
