import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';
import { urlLocationAnnotations } from './location-target';

// Against Backstage's own integration code (@backstage/integration, installed with the scaffolder's
// common package): AnnotateLocationEntityProcessor takes the edit URL from resolveEditUrl and the
// source location from resolveUrl({ url: './', base }) of the location's integration.
type Integration = typeof import('@backstage/integration');
const fromScaffolder = createRequire(createRequire(import.meta.url).resolve('@backstage/plugin-scaffolder-common'));
const { ScmIntegrations } = fromScaffolder('@backstage/integration') as Integration;
const { ConfigReader } = fromScaffolder('@backstage/config') as typeof import('@backstage/config');

const integrations = ScmIntegrations.fromConfig(
  new ConfigReader({
    integrations: { github: [{ host: 'github.com' }, { host: 'ghe.example.com', apiBaseUrl: 'https://ghe.example.com/api/v3' }] },
  }),
);

function backstages(target: string): Record<string, string> {
  const scm = integrations.byUrl(target);
  const out: Record<string, string> = { 'backstage.io/view-url': target };
  if (scm) {
    out['backstage.io/edit-url'] = scm.resolveEditUrl(target);
    out['backstage.io/source-location'] = `url:${scm.resolveUrl({ url: './', base: target })}`;
  }
  return out;
}

describe('urlLocationAnnotations', () => {
  it.each([
    'https://github.com/acme/rates/blob/main/catalog-info.yaml',
    'https://github.com/acme/rates/blob/main/services/rates/catalog-info.yaml',
    'https://github.com/acme/rates/tree/release-2/catalog-info.yaml',
    'https://github.com/acme/rates/blob/main/catalog-info.yaml?at=1',
    'https://ghe.example.com/platform/portal/blob/v1.2.0/deploy/all.yaml',
  ])('annotates %s as Backstage does', (target) => {
    expect(urlLocationAnnotations(target, true)).toEqual(backstages(target));
  });

  it('gives a URL on no GitHub host only its view URL, as Backstage does', () => {
    const target = 'https://files.example.com/catalog/all.yaml';
    expect(integrations.byUrl(target)).toBeUndefined();
    expect(urlLocationAnnotations(target, false)).toEqual(backstages(target));
  });
});
