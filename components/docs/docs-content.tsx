'use client';

import { useEffect, useRef } from 'react';
import { wireTabSets } from '@/lib/docs/model/tab-sets';
import './docs-content.css';

/**
 * A built docs page. The HTML was sanitised on the server when the page was built; this only adds
 * behaviour to Wayfinder's own blocks: tab sets, and Mermaid diagrams, rendered here with
 * securityLevel 'strict' (labels are sanitised, no click handlers or scripts in diagrams). Mermaid
 * is an ordinary lazily loaded chunk, so it runs under the portal's nonce CSP.
 */
export function DocsContent({ html }: { html: string }) {
  const ref = useRef<HTMLDivElement>(null);

  useEffect(() => {
    const root = ref.current;
    if (!root) return;
    wireTabSets(root);
    const diagrams = [...root.querySelectorAll<HTMLElement>('.wf-mermaid')];
    if (!diagrams.length) return;
    let cancelled = false;
    void (async () => {
      const mermaid = (await import('mermaid')).default;
      // The person's theme (Settings → Appearance), else the system's.
      const theme = document.documentElement.dataset.theme;
      const dark = theme === 'dark' || (theme !== 'light' && window.matchMedia('(prefers-color-scheme: dark)').matches);
      mermaid.initialize({ startOnLoad: false, securityLevel: 'strict', theme: dark ? 'dark' : 'default' });
      for (const [i, box] of diagrams.entries()) {
        const source = box.querySelector('pre')?.textContent ?? '';
        try {
          const { svg } = await mermaid.render(`wf-mermaid-${i}-${Date.now()}`, source);
          if (cancelled) return;
          // Mermaid's own output in strict mode, sanitised by its DOMPurify pass.
          box.innerHTML = svg;
          box.dataset.rendered = 'true';
        } catch (err) {
          const note = document.createElement('p');
          note.className = 'wf-mermaid-error';
          note.textContent = `This diagram could not be drawn: ${(err as Error).message}`;
          box.append(note);
        }
      }
    })();
    return () => {
      cancelled = true;
    };
  }, [html]);

  return <div ref={ref} className="wf-docs" dangerouslySetInnerHTML={{ __html: html }} />;
}
