/**
 * Makes each tab set the renderer wrote (`.wf-tabs`) behave as WAI-ARIA tabs: a click or Enter shows
 * a tab's panel; Left/Right move to the previous or next tab (wrapping), Home/End to the first or
 * last; only the selected tab is in the Tab order, and the panel after it; each tab names the panel
 * it controls and each panel is labelled by its tab. The ids are set here, in the browser, since the
 * sanitiser keeps ids of its own out of the built HTML.
 *
 * Self-contained, for the docs preview sends its source to the browser as it is: no imports, nothing
 * from the module's scope, and no function bound to a name (tsx's compiler would wrap it in a helper
 * the browser does not have); selecting a tab is its click handler, which the keys and the first
 * selection call through `click()`.
 */
export function wireTabSets(root: ParentNode): void {
  root.querySelectorAll('.wf-tabs').forEach((set, s) => {
    const tabs = Array.from(set.querySelectorAll<HTMLElement>(':scope > .wf-tab-list > .wf-tab'));
    const panels = Array.from(set.querySelectorAll<HTMLElement>(':scope > .wf-tab-panel'));
    tabs.forEach((tab, i) => {
      tab.id = `wf-tabs-${s}-tab-${i}`;
      const panel = panels[i];
      if (panel) {
        panel.id = `wf-tabs-${s}-panel-${i}`;
        panel.tabIndex = 0;
        panel.setAttribute('aria-labelledby', tab.id);
        tab.setAttribute('aria-controls', panel.id);
      }
      tab.onclick = () => {
        tabs.forEach((other, j) => {
          other.setAttribute('aria-selected', String(i === j));
          other.tabIndex = i === j ? 0 : -1;
        });
        panels.forEach((other, j) => (other.hidden = i !== j));
      };
      tab.onkeydown = (e) => {
        const to = ({ ArrowRight: i + 1, ArrowLeft: i - 1, Home: 0, End: tabs.length - 1 } as Record<string, number>)[e.key];
        if (to === undefined) return;
        e.preventDefault();
        const next = tabs[(to + tabs.length) % tabs.length];
        next.click();
        next.focus();
      };
    });
    set.classList.add('wf-tabs-ready');
    tabs[0]?.click();
  });
}
