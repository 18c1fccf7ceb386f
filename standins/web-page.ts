// The stand-ins' read-only web pages (GitHub's at its web addresses, Argo CD's application view):
// one plain page shell, every value escaped, under a policy that runs no script.

export const esc = (s: string) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
export const link = (href: string, text: string) => `<a href="${esc(href)}">${esc(text)}</a>`;

const STYLE =
  'body{font:15px/1.5 system-ui,sans-serif;margin:0;color:#1f2328;overflow-wrap:anywhere}main{max-width:960px;margin:0 auto;padding:16px}' +
  'h1{font-size:1.6em;line-height:1.25}' +
  'header{background:#24292f;color:#fff;padding:10px 16px;font-size:13px}header a{color:#fff}' +
  '.tabs a{margin-right:16px}pre{background:#f6f8fa;padding:12px;overflow:auto;white-space:pre-wrap;word-break:break-word}' +
  '.scroll{overflow-x:auto}table{border-collapse:collapse;width:100%}td,th{white-space:nowrap}td,th{border-bottom:1px solid #d0d7de;padding:6px 8px;text-align:left;vertical-align:top}' +
  '.muted{color:#59636e}';

export const PAGE_HEADERS = {
  'content-type': 'text/html; charset=utf-8',
  'content-security-policy': "default-src 'none'; style-src 'unsafe-inline'",
};

/** Rows (HTML) in a table that scrolls sideways on a narrow screen; `empty` when there are none. */
export function table(rows: string[], empty = ''): string {
  return `<div class="scroll"><table>${rows.join('') || (empty && `<tr><td class="muted">${esc(empty)}</td></tr>`)}</table></div>`;
}

/** A whole page: `system` names the stand-in, `body` is HTML whose values the caller escaped. */
export function webPage(system: string, title: string, body: string): string {
  return (
    `<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width">` +
    `<title>${esc(title)} · ${esc(system)} stand-in</title><style>${STYLE}</style></head><body>` +
    `<header>${esc(system)} stand-in: a local, read-only view of what the demo's ${esc(system)} holds</header>` +
    `<main><h1>${esc(title)}</h1>${body}</main></body></html>`
  );
}

/** A browser's page request, as opposed to an API client's (which asks for JSON). */
export function wantsPage(method: string | undefined, accept: string | undefined): boolean {
  return (method === 'GET' || method === 'HEAD') && /\btext\/html\b/.test(accept ?? '');
}
