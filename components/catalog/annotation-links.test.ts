import { describe, expect, it } from 'vitest';
import { annotationLinks } from './annotation-links';

describe('annotationLinks', () => {
  it('turns well-known annotations into links, and those without an address into text', () => {
    const links = annotationLinks({
      'github.com/project-slug': 'acme/rates-service',
      'backstage.io/source-location': 'url:https://github.com/acme/rates-service/tree/main/',
      'backstage.io/kubernetes-id': 'rates-service',
      'argocd/app-name': 'rates-service',
    });
    expect(links.map((l) => [l.label, l.href, l.detail])).toEqual([
      ['GitHub repository', 'https://github.com/acme/rates-service', 'acme/rates-service'],
      ['GitHub Actions', 'https://github.com/acme/rates-service/actions', 'acme/rates-service'],
      ['Source', 'https://github.com/acme/rates-service/tree/main/', 'url:https://github.com/acme/rates-service/tree/main/'],
      ['Kubernetes', null, 'rates-service'],
      ['Argo CD application', null, 'rates-service'],
    ]);
  });

  it('links to the GitHub the repository is on', () => {
    const links = annotationLinks(
      { 'github.com/project-slug': 'acme/rates', 'github.com/team-slug': 'acme/pricing', 'github.com/user-login': 'tombakker' },
      'https://ghe.acme.example',
    );
    expect(links.map((l) => l.href)).toEqual([
      'https://ghe.acme.example/acme/rates',
      'https://ghe.acme.example/acme/rates/actions',
      'https://ghe.acme.example/orgs/acme/teams/pricing',
      'https://ghe.acme.example/tombakker',
    ]);
  });

  it("leaves out the view URL of the entity's own file (the page's View source button), not another", () => {
    const file = 'https://github.com/acme/rates/blob/main/catalog-info.yaml';
    const own = {
      'backstage.io/managed-by-location': `url:${file}`,
      'backstage.io/view-url': file,
      'backstage.io/edit-url': 'https://github.com/acme/rates/edit/main/catalog-info.yaml',
    };
    expect(annotationLinks(own).map((l) => l.label)).toEqual(['Edit source']);
    expect(annotationLinks({ ...own, 'backstage.io/view-url': 'https://wiki.acme.example/rates' }).map((l) => l.label)).toEqual([
      'View source',
      'Edit source',
    ]);
  });

  it('links only http(s) addresses and well-formed slugs: annotation values are untrusted', () => {
    const links = annotationLinks({
      'backstage.io/view-url': 'javascript:alert(1)',
      'grafana/dashboard-url': 'not a url',
      'github.com/project-slug': 'acme/x"><script>',
    });
    expect(links.map((l) => [l.label, l.href])).toEqual([
      ['View source', null],
      ['Grafana dashboard', null],
    ]);
  });
});
