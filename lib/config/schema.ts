import { z } from 'zod';

// wayfinder.config.yaml: the analogue of Backstage's app-config.yaml. Keys mirror Backstage's where
// Backstage has one (catalog.locations, catalog.rules) so existing config can be copied over.

/** Backstage catalog rule: `allow` lists the kinds a location may produce. */
export const catalogRuleSchema = z.object({
  allow: z.array(z.string().min(1)).min(1, 'must list at least one kind'),
});

export const LOCATION_TYPES = ['file', 'url', 'github-discovery', 'github-org'] as const;

export const configLocationSchema = z.object({
  type: z.enum(LOCATION_TYPES, { message: `expected one of ${LOCATION_TYPES.join(', ')}` }),
  target: z.string().min(1, 'must be a path (type file) or a URL (the other types)'),
  rules: z.array(catalogRuleSchema).optional(),
});

/**
 * A GitHub host (github.com or GitHub Enterprise Server) and its credentials, as Backstage's
 * integrations.github: a token, or a GitHub App. Values may be `${ENV_VAR}` references.
 */
export const githubIntegrationSchema = z
  .object({
    host: z.string().min(1).default('github.com'),
    /** REST API root; default https://api.github.com for github.com, https://<host>/api/v3 otherwise. */
    apiBaseUrl: z.url({ message: 'must be an http(s) URL' }).optional(),
    /** Web root for repository URLs and OAuth; default https://<host>. */
    webBaseUrl: z.url({ message: 'must be an http(s) URL' }).optional(),
    token: z.string().min(1).optional(),
    app: z
      .object({
        appId: z.coerce.number().int().positive(),
        privateKey: z.string().min(1, 'must be the PEM private key of the GitHub App'),
        /** Installation to use; by default the one installed on the organisation being read. */
        installationId: z.coerce.number().int().positive().optional(),
      })
      .strict()
      .optional(),
  })
  .strict()
  .refine((g) => g.token || g.app, { message: 'needs a token or an app (appId and privateKey)' });

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
    integrations: z
      .object({ github: z.array(githubIntegrationSchema).default([]) })
      .strict()
      .default({ github: [] }),
  })
  .strict();

export type WayfinderConfig = z.infer<typeof configSchema>;
export type ConfigLocation = z.infer<typeof configLocationSchema>;
export type CatalogRule = z.infer<typeof catalogRuleSchema>;
export type GithubIntegration = z.infer<typeof githubIntegrationSchema>;
