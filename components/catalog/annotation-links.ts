// Well-known annotations turned into links on the entity page. Only http(s) URLs are produced:
// annotation values come from repositories and are untrusted.

/** `href` is null where the annotation names something without a known address (shown as text). */
export type AnnotationLink = { label: string; href: string | null; detail: string; annotation: string };

const safeUrl = (value: string): string | null => {
  try {
    const u = new URL(value.trim());
    return u.protocol === 'https:' || u.protocol === 'http:' ? u.toString() : null;
  } catch {
    // Not a URL: the annotation is shown without a link.
    return null;
  }
};

/** `url:https://…` (Backstage's location form) or a plain URL. */
const locationUrl = (value: string): string | null => safeUrl(value.replace(/^url:/, ''));

const SLUG = /^[\w.-]+\/[\w.-]+$/;

/** `github`: the web address of the GitHub the entity's repository is on (GitHub Enterprise's, not always github.com). */
export function annotationLinks(annotations: Record<string, string> | undefined, github = 'https://github.com'): AnnotationLink[] {
  const a = annotations ?? {};
  const out: AnnotationLink[] = [];
  const add = (annotation: string, label: string, href: string | null, detail = a[annotation]) => {
    out.push({ annotation, label, href, detail });
  };
  const slug = a['github.com/project-slug'];
  if (slug && SLUG.test(slug)) {
    add('github.com/project-slug', 'GitHub repository', `${github}/${slug}`);
    add('github.com/project-slug', 'GitHub Actions', `${github}/${slug}/actions`);
  }
  if (a['github.com/team-slug'] && SLUG.test(a['github.com/team-slug'])) {
    const [org, team] = a['github.com/team-slug'].split('/');
    add('github.com/team-slug', 'GitHub team', `${github}/orgs/${org}/teams/${team}`);
  }
  if (a['github.com/user-login'] && /^[\w-]+$/.test(a['github.com/user-login'])) {
    add('github.com/user-login', 'GitHub profile', `${github}/${a['github.com/user-login']}`);
  }
  if (a['backstage.io/source-location']) add('backstage.io/source-location', 'Source', locationUrl(a['backstage.io/source-location']));
  // The page's View source button opens it; here only when it is not the entity's own file.
  const viewUrl = a['backstage.io/view-url'];
  if (viewUrl && a['backstage.io/managed-by-location'] !== `url:${viewUrl}`) add('backstage.io/view-url', 'View source', safeUrl(viewUrl));
  if (a['backstage.io/edit-url']) add('backstage.io/edit-url', 'Edit source', safeUrl(a['backstage.io/edit-url']));
  if (a['pagerduty.com/service-id'] && /^[\w-]+$/.test(a['pagerduty.com/service-id'])) {
    add('pagerduty.com/service-id', 'On-call (PagerDuty)', `https://app.pagerduty.com/service-directory/${a['pagerduty.com/service-id']}`);
  }
  if (a['grafana/dashboard-url']) add('grafana/dashboard-url', 'Grafana dashboard', safeUrl(a['grafana/dashboard-url']));
  else if (a['grafana/dashboard-selector']) {
    // A selector is a query over the organisation's Grafana, whose address the catalog does not know.
    add('grafana/dashboard-selector', 'Grafana dashboards', null);
  }
  if (a['sonarqube.org/project-key']) {
    add(
      'sonarqube.org/project-key',
      'SonarQube',
      `https://sonarcloud.io/dashboard?id=${encodeURIComponent(a['sonarqube.org/project-key'])}`,
    );
  }
  const jenkins = a['jenkins.io/job-full-name'] ?? a['jenkins.io/github-folder'];
  if (jenkins) add(a['jenkins.io/job-full-name'] ? 'jenkins.io/job-full-name' : 'jenkins.io/github-folder', 'Jenkins job', null, jenkins);
  if (a['backstage.io/kubernetes-id']) add('backstage.io/kubernetes-id', 'Kubernetes', null);
  // Its state, with links into each configured Argo CD, is the Overview's Argo CD card.
  if (a['argocd/app-name']) add('argocd/app-name', 'Argo CD application', null);
  return out;
}

/** The techdocs-ref annotation, when present: the docs page of this entity is worth linking. */
export function hasTechDocs(annotations: Record<string, string> | undefined): boolean {
  return Boolean(annotations?.['backstage.io/techdocs-ref']);
}
