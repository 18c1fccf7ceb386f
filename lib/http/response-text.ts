// The JSON text an answer was made from (jsonTextResponse), so that the production server's direct
// routes (direct-route.ts) can encode it once instead of reading it back through the Response's
// stream: a page of 1,000 entities is ~600 KB, and each copy of it the collector has to sweep.

const texts = new WeakMap<Response, string>();

/** A JSON answer whose text stays readable through responseText. */
export function textResponse(text: string, init: ResponseInit): Response {
  const response = new Response(text, init);
  texts.set(response, text);
  return response;
}

/** The text a textResponse was made from (undefined for any other answer). */
export function responseText(response: Response): string | undefined {
  return texts.get(response);
}
