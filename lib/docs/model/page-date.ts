import type { Root } from 'hast';
import { wrapTextMatches } from './text-matches';

// mkdocs-git-revision-date-localized-plugin (bcgov's TechDocs sites use it on every page) puts the
// date a page last changed where `{{ git_revision_date_localized }}` is written, in its default
// format ("December 6, 2026"). A built page's date is known when it is served (DocsPage.changedAt:
// the file's time for a local folder, else when a build first saw the content), so the build
// leaves an empty <time> and the query that reads the page fills it.

const TAG = /\{\{\s*(?:page\.meta\.)?git_revision_date_localized\s*\}\}/gi;
const EMPTY = '<time class="wf-page-changed"></time>';

export function markPageDates(tree: Root): void {
  wrapTextMatches(tree, TAG, /^(?:pre|code|script|style)$/, () => ({
    type: 'element',
    tagName: 'time',
    properties: { className: ['wf-page-changed'] },
    children: [],
  }));
}

/** The page's HTML with its dates filled in (left empty when the date is not known). */
export function fillPageDates(html: string, changedAt: Date | null): string {
  if (!changedAt || !html.includes(EMPTY)) return html;
  const shown = changedAt.toLocaleDateString('en-US', { year: 'numeric', month: 'long', day: 'numeric', timeZone: 'UTC' });
  return html.replaceAll(EMPTY, `<time class="wf-page-changed" datetime="${changedAt.toISOString()}">${shown}</time>`);
}
