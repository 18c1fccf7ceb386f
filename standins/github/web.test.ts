import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SEED_TOKEN, seedAcme } from './seed';
import { seedRepositoryActivity } from './seed-activity';
import { createGitHubStandIn, type GitHubStandIn } from './server';
import { validatingOctokit } from './testing/octokit';
import { RestValidator } from './testing/openapi-validator';

// The stand-in's web pages: every html_url its API hands out, opened by a browser, is a page about
// that object; the same paths asked for by an API client stay the REST API.

let gh: GitHubStandIn;
const repo = { owner: 'acme', repo: 'rates-service' };
const BROWSER = { accept: 'text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8' };

beforeAll(async () => {
  gh = await createGitHubStandIn({
    seed: (s) => {
      seedAcme(s);
      seedRepositoryActivity(s, 'acme/rates-service');
      s.commitFiles('acme/rates-service', { message: 'Notes <b>bold</b>', files: { 'docs/notes.md': '<script>alert(1)</script>\n' } });
    },
  });
});
afterAll(() => gh.stop());

async function open(url: string) {
  const res = await fetch(url, { headers: BROWSER });
  const text = await res.text();
  return { status: res.status, type: res.headers.get('content-type'), csp: res.headers.get('content-security-policy'), text };
}

const title = (html: string) => /<h1>([^<]*)<\/h1>/.exec(html)?.[1];

describe('web pages', () => {
  it('answers every html_url the API gives with a page about that object', async () => {
    const octokit = validatingOctokit(gh.url, SEED_TOKEN, new RestValidator());
    const { data: r } = await octokit.rest.repos.get(repo);
    const { data: runs } = await octokit.rest.actions.listWorkflowRunsForRepo(repo);
    const failed = runs.workflow_runs.find((x) => x.conclusion === 'failure')!;
    const { data: jobs } = await octokit.rest.actions.listJobsForWorkflowRun({ ...repo, run_id: failed.id });
    const { data: pulls } = await octokit.rest.pulls.list({ ...repo, state: 'all' });
    const { data: commit } = await octokit.rest.repos.getCommit({ ...repo, ref: 'main' });
    const { data: team } = await octokit.rest.teams.getByName({ org: 'acme', team_slug: 'team-devex' });
    const { data: member } = await octokit.rest.users.getByUsername({ username: 'priyaraman' });
    const pages: [string, string | RegExp][] = [
      [r.html_url, 'acme/rates-service'],
      [`${r.html_url}/actions`, 'Actions · acme/rates-service'],
      [failed.html_url, `CI #${failed.run_number}`],
      [jobs.jobs[1]!.html_url!, `CI #${failed.run_number}`],
      [`${r.html_url}/pulls`, 'Pull requests · acme/rates-service'],
      [pulls[0]!.html_url, `${pulls[0]!.title} #${pulls[0]!.number}`],
      [commit.html_url, 'Notes &#60;b&#62;bold&#60;/b&#62;'],
      [team.html_url, 'Developer Experience'],
      [member.html_url, 'Priya Raman'],
      [`${r.html_url}/blob/main/catalog-info.yaml`, 'catalog-info.yaml'],
      [`${r.html_url}/edit/main/catalog-info.yaml`, 'catalog-info.yaml'],
      [`${r.html_url}/tree/main/docs/`, 'rates-service/docs'],
    ];
    for (const [url, name] of pages) {
      const page = await open(url);
      expect({ url, status: page.status, type: page.type, title: title(page.text) }).toEqual({
        url,
        status: 200,
        type: 'text/html; charset=utf-8',
        title: name,
      });
    }
    // A pull request's branches, whose names hold a slash.
    const head = /href="([^"]*\/tree\/[^"]*)">([^<]*)</.exec((await open(pulls[0]!.html_url)).text)!;
    expect(head[2]).toBe(pulls[0]!.head.ref);
    expect(head[2]).toContain('/');
    expect(await open(`${gh.url}${head[1]}`)).toMatchObject({ status: 200, text: expect.stringContaining(`On ${head[2]}`) });
    const job = await open(jobs.jobs[1]!.html_url!);
    expect(job.text).toContain(`id="job-${jobs.jobs[1]!.id}"`);
    expect(job.text).toMatch(/test: failure/);
  });

  it("shows a file's text escaped, under a policy that runs no script", async () => {
    const page = await open(`${gh.url}/acme/rates-service/blob/main/docs/notes.md`);
    expect(page.text).toContain('&#60;script&#62;alert(1)&#60;/script&#62;');
    expect(page.text).not.toContain('<script>');
    expect(page.csp).toBe("default-src 'none'; style-src 'unsafe-inline'");
  });

  it('says what is missing with a 404 page', async () => {
    const page = await open(`${gh.url}/acme/no-such-repo/blob/main/x.yaml`);
    expect(page.status).toBe(404);
    expect(page.text).toContain('The repository acme/no-such-repo is not on this GitHub stand-in.');
    expect((await open(`${gh.url}/acme/rates-service/blob/nope/x.yaml`)).text).toContain('The branch or commit nope');
  });

  it('leaves the API at the same paths to API clients', async () => {
    const res = await fetch(`${gh.url}/orgs/acme/teams/team-devex`, {
      headers: { accept: 'application/vnd.github+json', authorization: `token ${SEED_TOKEN}` },
    });
    expect(res.headers.get('content-type')).toMatch(/^application\/json/);
    expect(((await res.json()) as { slug: string }).slug).toBe('team-devex');
    // Without a token a page path is still the API's 401, unless a browser asks.
    expect((await fetch(`${gh.url}/orgs/acme/teams/team-devex`)).status).toBe(401);
  });
});
