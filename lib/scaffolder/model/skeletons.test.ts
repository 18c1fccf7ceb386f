import { describe, expect, it } from 'vitest';
import { insideSkeleton, templateSkeletons } from './skeletons';

const template = (steps: string) => `apiVersion: scaffolder.backstage.io/v1beta3
kind: Template
metadata:
  name: node-service
spec:
  owner: team-a
  type: service
  parameters:
    - title: Name
      properties:
        name: { type: string }
  steps:
${steps}`;

describe('templateSkeletons', () => {
  it('finds the folders fetch steps copy, relative to the template file', () => {
    const skeletons = templateSkeletons([
      {
        file: '/repo/templates/node/template.yaml',
        text: template(
          '    - id: fetch\n      action: fetch:template\n      input:\n        url: ./skeleton\n    - id: docs\n      action: fetch:plain\n      input:\n        url: ../shared/docs\n',
        ),
      },
      { file: '/repo/services/a/catalog-info.yaml', text: 'apiVersion: backstage.io/v1alpha1\nkind: Component\nmetadata:\n  name: a\n' },
    ]);
    expect(skeletons).toEqual(['/repo/templates/node/skeleton', '/repo/templates/shared/docs']);
    expect(insideSkeleton('/repo/templates/node/skeleton/catalog-info.yaml', skeletons)).toBe(true);
    expect(insideSkeleton('/repo/templates/node/template.yaml', skeletons)).toBe(false);
    expect(insideSkeleton('/repo/services/a/catalog-info.yaml', skeletons)).toBe(false);
  });

  it('ignores URLs to other repositories and steps that fetch nothing', () => {
    const text = template(
      '    - id: fetch\n      action: fetch:template\n      input:\n        url: https://github.com/acme/skeletons/tree/main/node\n    - id: publish\n      action: publish:github\n      input:\n        repoUrl: x\n',
    );
    expect(templateSkeletons([{ file: '/repo/t/template.yaml', text }])).toEqual([]);
  });
});
