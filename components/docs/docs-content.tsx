'use client';

import { useEffect, useRef } from 'react';
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
    for (const set of root.querySelectorAll<HTMLElement>('.wf-tabs')) {
      const tabs = [...set.querySelectorAll<HTMLButtonElement>(':scope > .wf-tab-list > .wf-tab')];
      const panels = [...set.querySelectorAll<HTMLElement>(':scope > .wf-tab-panel')];
      const select = (i: number) => {
        tabs.forEach((t, j) => t.setAttribute('aria-selected', String(i === j)));
        panels.forEach((p, j) => (p.hidden = i !== j));
      };
      tabs.forEach((t, i) => (t.onclick = () => select(i)));
      set.classList.add('wf-tabs-ready');
      select(0);
    }
    const diagrams = [...root.querySelectorAll<HTMLElement>('.wf-mermaid')];
    if (!diagrams.length) return;
    let cancelled = false;
    void (async () => {
      const mermaid = (await import('mermaid')).default;
      const dark = window.matchMedia('(prefers-color-scheme: dark)').matches;
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
