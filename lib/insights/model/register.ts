import { stringify } from 'yaml';
import { shortOwnerRef } from '@/lib/catalog/model';

// "Register" on an unregistered repository: a generated catalog-info.yaml and a guess of its owner,
// shown to the person for confirmation before the pull request is opened.

/** GitHub reads CODEOWNERS from these places, first found wins (docs: "About code owners"). */
export const CODEOWNERS_PATHS = ['.github/CODEOWNERS', 'CODEOWNERS', 'docs/CODEOWNERS'] as const;

/**
 * The line before its comment: what `line.replace(/(^|\s)#.*$/, '')` leaves, in time linear in the
 * line (that regex was retried from each blank, 10 s on a CRLF line of 200 KB of ` #`). `.` stops
 * at a line terminator, so the comment's `#` comes after the last one.
 */
function withoutComment(line: string): string {
  const from = Math.max(line.lastIndexOf('\r'), line.lastIndexOf('\u2028'), line.lastIndexOf('\u2029')) + 1;
  for (let hash = line.indexOf('#', from); hash !== -1; hash = line.indexOf('#', hash + 1)) {
    if (hash === 0) return '';
    if (/\s/.test(line[hash - 1])) return line.slice(0, hash - 1);
  }
  return line;
}

/**
 * Owners of the repository as a whole: those of the last rule whose pattern covers every file
 * (`*`, `/`, `/*`, `**`), since in CODEOWNERS the last matching rule wins.
 */
export function wholeRepoOwners(codeowners: string): string[] {
  let owners: string[] = [];
  for (const raw of codeowners.split('\n')) {
    const line = withoutComment(raw).trim();
    if (!line) continue;
    const [pattern, ...rest] = line.split(/\s+/);
    if (['*', '/', '/*', '**', '/**'].includes(pattern!)) owners = rest.filter((o) => o.startsWith('@'));
  }
  return owners;
}

/**
 * Candidate owners, best first: teams named in CODEOWNERS (`@org/team` → `group:default/team`),
 * then the teams with access to the repository (only the Groups the catalog knows count: the
 * caller looks them up).
 */
export function ownerCandidates(input: { codeowners: string[]; teamsWithAccess: string[] }): string[] {
  const fromCodeowners = input.codeowners.filter((o) => o.includes('/')).map((o) => `group:default/${o.split('/')[1]!.toLowerCase()}`);
  return [...new Set([...fromCodeowners, ...input.teamsWithAccess.map((t) => t.toLowerCase())])];
}

/** A Backstage entity name from a repository name: [a-zA-Z0-9-_.], 1-63 chars, alphanumeric ends. */
export function entityNameOf(repoName: string): string {
  const cleaned = repoName
    .replace(/[^a-zA-Z0-9-_.]+/g, '-')
    .slice(0, 63)
    .replace(/^[^a-zA-Z0-9]+|[^a-zA-Z0-9]+$/g, '');
  return cleaned || 'repository';
}

/** The descriptor the pull request adds: a Component owned by the confirmed group. */
export function catalogInfoYaml(input: { owner: string; name: string; description: string | null; ownerRef: string }): string {
  const doc = {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Component',
    metadata: {
      name: entityNameOf(input.name),
      ...(input.description ? { description: input.description } : {}),
      annotations: { 'github.com/project-slug': `${input.owner}/${input.name}` },
    },
    spec: { type: 'service', lifecycle: 'experimental', owner: shortOwnerRef(input.ownerRef) },
  };
  return stringify(doc, { lineWidth: 0 });
}
