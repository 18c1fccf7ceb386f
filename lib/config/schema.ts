import { z } from 'zod';

// wayfinder.config.yaml: the analogue of Backstage's app-config.yaml. Keys mirror Backstage's where
// Backstage has one (catalog.locations, catalog.rules) so existing config can be copied over.

/** Backstage catalog rule: `allow` lists the kinds a location may produce. */
export const catalogRuleSchema = z.object({
  allow: z.array(z.string().min(1)).min(1, 'must list at least one kind'),
});

export const configLocationSchema = z.object({
  type: z.enum(['file', 'url'], { message: 'expected "file" or "url"' }),
  target: z.string().min(1, 'must be a path (type file) or a URL (type url)'),
  rules: z.array(catalogRuleSchema).optional(),
});

export const configSchema = z
  .object({
    app: z
      .object({
        title: z.string().min(1).default('Wayfinder'),
        organization: z.string().min(1).default('Acme'),
      })
      .strict()
      .default({ title: 'Wayfinder', organization: 'Acme' }),
    catalog: z
      .object({
        locations: z.array(configLocationSchema).default([]),
        /** Default kind allow-list; Backstage's default allows Component, API, Location. */
        rules: z.array(catalogRuleSchema).default([{ allow: ['Component', 'API', 'Location'] }]),
        /** Folders a `file` location registered through the API or UI must lie under. */
        fileLocationRoots: z.array(z.string().min(1)).optional(),
        /** How often the reconciliation job re-reads every location. */
        refreshIntervalSeconds: z.number().int().min(10, 'must be at least 10 seconds').default(300),
      })
      .strict()
      .default({ locations: [], rules: [{ allow: ['Component', 'API', 'Location'] }], refreshIntervalSeconds: 300 }),
  })
  .strict();

export type WayfinderConfig = z.infer<typeof configSchema>;
export type ConfigLocation = z.infer<typeof configLocationSchema>;
export type CatalogRule = z.infer<typeof catalogRuleSchema>;
