import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import { compileSite, type CompiledPage, type PreviousPage } from './compile-site';
import { localSnapshot } from './local-source';
import { contentTypeOf, isInlineSafe } from './model/content-type';
import type { NavItem } from './model/nav';
import { fillPageDates } from './model/page-date';
import { normaliseDocsPath } from './model/paths';
import { wireTabSets } from './model/tab-sets';

// `wayfinder docs preview [folder]`: one folder's docs served with the portal's renderer (same
// mkdocs.yml handling, MDX pipeline, sanitiser and problems), rebuilt incrementally on every
// request so that an edit shows on reload. Local only: it listens on 127.0.0.1.

const ROOT = path.resolve(import.meta.dirname, '../..');
const CSS = fs.readFileSync(path.join(ROOT, 'components/docs/docs-content.css'), 'utf8');
const MERMAID = path.join(ROOT, 'node_modules/mermaid/dist/mermaid.esm.min.mjs');

const esc = (s: string) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

function navHtml(nav: NavItem[], current: string): string {
  return `<ul>${nav
    .map((n) => {
      if (n.kind === 'section') return `<li><strong>${esc(n.title)}</strong>${navHtml(n.children, current)}</li>`;
      if (n.kind === 'link') return `<li><a href="${esc(n.url)}" rel="noopener noreferrer" target="_blank">${esc(n.title)} ↗</a></li>`;
      if (n.missing) return `<li class="missing">${esc(n.title)} (missing: ${esc(n.file)})</li>`;
      return `<li><a href="/${n.path.split('/').map(encodeURIComponent).join('/')}"${n.path === current ? ' aria-current="page"' : ''}>${esc(n.title)}</a></li>`;
    })
    .join('')}</ul>`;
}

// Tabs and Mermaid, as components/docs/docs-content.tsx does in the portal.
const CLIENT = `
(${wireTabSets.toString()})(document);
const boxes = [...document.querySelectorAll('.wf-mermaid')];
if (boxes.length) {
  const { default: mermaid } = await import('/_wayfinder/mermaid.mjs');
  mermaid.initialize({ startOnLoad: false, securityLevel: 'strict' });
  for (const [i, box] of boxes.entries()) {
    try { box.innerHTML = (await mermaid.render('m' + i, box.querySelector('pre').textContent)).svg; }
    catch (e) { box.insertAdjacentHTML('beforeend', '<p class="wf-mermaid-error"></p>'); box.lastChild.textContent = 'This diagram could not be drawn: ' + e.message; }
  }
}`;

function pageHtml(siteName: string, nav: NavItem[], page: CompiledPage | undefined, current: string, problems: string[]): string {
  const body = !page
    ? `<p>No page <code>${esc(current || 'index')}</code> in these docs.</p>`
    : page.error
      ? `<div class="problem">This page could not be built:<br><code>${esc(page.error)}</code></div>`
      : `<div class="wf-docs">${fillPageDates(page.html, new Date())}</div>`;
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>${esc(page?.title ?? siteName)} · ${esc(siteName)} (preview)</title>
<style>body{font-family:system-ui,sans-serif;margin:0;display:grid;grid-template-columns:15rem minmax(0,1fr);gap:2rem;padding:1.5rem;max-width:80rem}nav ul{list-style:none;padding-left:.75rem;font-size:.9rem}nav a[aria-current]{font-weight:700}.missing{color:#b91c1c;text-decoration:line-through}.problem{border:1px solid #fca5a5;background:#fef2f2;padding:.75rem;border-radius:.375rem;margin-bottom:1rem;font-size:.9rem}@media(max-width:700px){body{grid-template-columns:1fr}}
${CSS}</style></head><body><nav><strong>${esc(siteName)}</strong> <small>(preview)</small>${navHtml(nav, current)}</nav><main>${problems.map((p) => `<div class="problem">${esc(p)}</div>`).join('')}${body}</main>
<script type="module">${CLIENT}</script></body></html>`;
}

export async function startDocsPreview(options: { folder: string; port: number; log?: (line: string) => void }): Promise<http.Server> {
  const folder = path.resolve(options.folder);
  const log = options.log ?? console.log;
  const cache = new Map<string, PreviousPage & CompiledPage>();
  const server = http.createServer(async (req, res) => {
    try {
      const url = new URL(req.url ?? '/', 'http://localhost');
      if (url.pathname === '/_wayfinder/mermaid.mjs') {
        res.writeHead(200, { 'content-type': 'text/javascript' });
        fs.createReadStream(MERMAID).pipe(res);
        return;
      }
      const snapshot = await localSnapshot(folder, [folder]);
      // The author's own docs on their machine: every page, however long the site takes.
      const site = await compileSite(snapshot, { pageBase: '', assetBase: '/_assets' }, cache, Infinity);
      for (const p of site.compiled) cache.set(p.file, p);
      if (url.pathname.startsWith('/_assets/')) {
        const file = normaliseDocsPath(decodeURIComponent(url.pathname.slice('/_assets/'.length)));
        if (file === null || !site.assetFiles.includes(file)) {
          res.writeHead(404).end('not found');
          return;
        }
        const type = contentTypeOf(file);
        res.writeHead(200, {
          'content-type': type,
          'content-security-policy': 'sandbox',
          'x-content-type-options': 'nosniff',
          'content-disposition': isInlineSafe(type) ? 'inline' : 'attachment',
        });
        res.end(await snapshot.read(site.sourcePath(file)));
        return;
      }
      const current = normaliseDocsPath(decodeURIComponent(url.pathname.slice(1))) ?? '';
      const page = [...cache.values()].find((p) => p.path === current && site.pageFiles.includes(p.file));
      if (site.compiled.length)
        log(`built ${site.compiled.length} page(s)${site.problems.length ? `, ${site.problems.length} problem(s)` : ''}`);
      for (const p of site.compiled.filter((c) => c.error)) log(`  ${p.error}`);
      res.writeHead(page ? 200 : 404, { 'content-type': 'text/html; charset=utf-8' });
      res.end(
        pageHtml(
          site.config.siteName ?? path.basename(folder),
          site.nav,
          page,
          current,
          site.problems.map((p) => `${p.file}:${p.line}:${p.column}: ${p.message}`),
        ),
      );
    } catch (err) {
      res.writeHead(500, { 'content-type': 'text/plain; charset=utf-8' }).end(`Could not build the docs: ${(err as Error).message}`);
    }
  });
  await new Promise<void>((resolve, reject) => server.once('error', reject).listen(options.port, '127.0.0.1', resolve));
  return server;
}
