import { z } from 'zod';
import { httpUrl } from '@/lib/env';

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
  /**
   * Wayfinder's own (type file): read a copy of the target's folder kept in the data folder, so
   * that edits made in the portal never change the source files (the example organisation).
   */
  editableCopy: z.boolean().optional(),
});

/** `example.com` or `example.com:8443`: no scheme, path, user or wildcard. */
const isHostName = (h: string) => !/[/?#@\\\s*]/.test(h) && URL.canParse(`http://${h}`);

/**
 * A GitHub host (github.com or GitHub Enterprise Server) and its credentials, as Backstage's
 * integrations.github: a token, or a GitHub App. Values may be `${ENV_VAR}` references.
 */
export const githubIntegrationSchema = z
  .object({
    host: z
      .string()
      .min(1)
      .refine(
        isHostName,
        'must be a host name with an optional port (github.com, ghe.example.com:8443); URLs go in apiBaseUrl and webBaseUrl',
      )
      .default('github.com'),
    /** REST API root; default https://api.github.com for github.com, https://<host>/api/v3 otherwise. */
    apiBaseUrl: httpUrl().optional(),
    /** Web root for repository URLs and OAuth; default https://<host>. */
    webBaseUrl: httpUrl().optional(),
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

/**
 * One entry of backend.reading.allow (Backstage's key): a host the server may read URLs from when
 * no integration serves them. `host` is `example.com`, `example.com:8080` or `*.example.com`.
 */
export const readingAllowSchema = z
  .object({
    host: z
      .string()
      .min(1)
      .refine(
        (h) => isHostName(h.replace(/^\*\./, '')),
        'must be a host name with an optional port (example.com, example.com:8080) or a pattern *.example.com; no scheme or path',
      ),
    /** Path prefixes under the host; every path when left out. */
    paths: z
      .array(z.string().startsWith('/', 'must start with "/"'))
      .min(1, 'list at least one path, or leave paths out for every path')
      .optional(),
  })
  .strict();

/** A static token for machines (Backstage's externalAccess static tokens): CI, scripts, scrapers. */
export const serviceTokenSchema = z
  .object({
    /** Requests made with the token act as `service:<name>` (audit log, logs). */
    name: z.string().regex(/^[a-z0-9][a-z0-9-_.]{0,62}$/i, 'must be 1-63 letters, digits, "-", "_" or "."'),
    token: z.string().min(24, 'must be at least 24 characters (use a random secret, e.g. `openssl rand -hex 24`)'),
    scope: z.enum(['read', 'write'], { message: 'expected read or write' }).default('read'),
  })
  .strict();

/**
 * Sign-in and permissions (README "Sign-in and permissions"). GitHub sign-in uses the OAuth app of
 * the integrations.github entry for `host`, so GitHub Enterprise and the local stand-in work.
 */
export const authSchema = z
  .object({
    github: z
      .object({
        /** Which integrations.github entry gives the API and web URLs (default github.com). */
        host: z.string().min(1).default('github.com'),
        clientId: z.string().min(1, 'must be the client ID of the GitHub OAuth app'),
        clientSecret: z.string().min(1, 'must be the client secret of the GitHub OAuth app (use ${GITHUB_CLIENT_SECRET})'),
      })
      .strict()
      .optional(),
    /** Signs next-auth's CSRF and OAuth state cookies; required with auth.github. */
    sessionSecret: z.string().min(16, 'must be at least 16 characters (use ${NEXTAUTH_SECRET})').optional(),
    /** How long a browser session lasts without activity. */
    sessionMaxAgeDays: z.number().int().min(1).max(365).default(30),
    admins: z
      .object({
        /** GitHub logins that are admins. */
        logins: z.array(z.string().min(1)).default([]),
        /** `org/team-slug`: members of this team (its Group entity's hasMember relations) are admins. */
        team: z
          .string()
          .regex(/^[^/\s]+\/[^/\s]+$/, 'must be "org/team-slug"')
          .optional(),
      })
      .strict()
      .default({ logins: [] }),
    /** Let GitHub users who are on no User entity sign in as plain members. */
    allowUnknownUsers: z.boolean().default(false),
    local: z
      .object({
        /** "Local sign-in (development)": pick any catalog User, no password. Never in a real deployment. */
        enabled: z.boolean().default(false),
        /** Lets local sign-in run with NODE_ENV=production (the embedded demo only). */
        allowInProduction: z.boolean().default(false),
        /**
         * With NODE_ENV=production, local sign-in is taken only from the machine the portal runs on
         * (a loopback address, with no proxy forwarding another client); true takes it from anywhere.
         */
        fromAnyAddress: z.boolean().default(false),
      })
      .strict()
      .default({ enabled: false, allowInProduction: false, fromAnyAddress: false }),
    serviceTokens: z.array(serviceTokenSchema).default([]),
    /** Personal access tokens: the longest life a person may give one, by role (every one expires). */
    apiTokens: z
      .object({
        maxDays: z.number().int().min(1).max(3650).default(90),
        adminMaxDays: z.number().int().min(1).max(3650).default(365),
      })
      .strict()
      .default({ maxDays: 90, adminMaxDays: 365 }),
  })
  .strict()
  .refine((a) => !a.github || a.sessionSecret, {
    message: 'sessionSecret is required when github is set (use ${NEXTAUTH_SECRET})',
    path: ['sessionSecret'],
  })
  .refine((a) => new Set(a.serviceTokens.map((t) => t.name)).size === a.serviceTokens.length, {
    message: 'service token names must be unique',
    path: ['serviceTokens'],
  });

export const DEFAULT_CATALOG_LIMITS = { maxFileBytes: 32 * 1024 * 1024, maxDocumentsPerFile: 50_000 };

/**
 * Per-file limits of descriptor files that locations read. Large enough by default for a whole
 * catalog in one file (Backstage's 10,000-component example: 7.6 MB, 14,150 documents); a file is
 * parsed a hundred documents at a time, so the limit bounds the file's text, not the parse.
 */
export const catalogLimitsSchema = z
  .object({
    maxFileBytes: z
      .number()
      .int()
      .min(1024, 'must be at least 1024 bytes')
      .max(256 * 1024 * 1024, 'must be at most 268435456 bytes (256 MiB)')
      .default(DEFAULT_CATALOG_LIMITS.maxFileBytes),
    maxDocumentsPerFile: z
      .number()
      .int()
      .min(1, 'must be at least 1')
      .max(1_000_000, 'must be at most 1000000')
      .default(DEFAULT_CATALOG_LIMITS.maxDocumentsPerFile),
  })
  .strict();

/**
 * Argo CD instances for the argocd:create-resources action, as Roadie's Argo CD plugin configures
 * them (argocd.appLocatorMethods[].instances[]). Tokens may be `${ENV_VAR}` references.
 */
export const argocdSchema = z
  .object({
    appLocatorMethods: z
      .array(
        z
          .object({
            type: z.literal('config', { message: 'only type: config is supported' }),
            instances: z.array(
              z
                .object({
                  name: z.string().min(1),
                  url: httpUrl('must be the http(s) URL of the Argo CD server (e.g. https://argocd.example.com)'),
                  token: z.string().min(1, 'must be an Argo CD API token (use ${ARGOCD_TOKEN})'),
                })
                .strict(),
            ),
          })
          .strict(),
      )
      .default([]),
  })
  .strict();

/** Adoption insights (README "Adoption insights"). */
export const insightsSchema = z
  .object({
    /** Days of activity rows (one per person per day) and searches that found nothing kept; older rows are pruned daily. */
    activityRetentionDays: z.number().int().min(7, 'must be at least 7 days (DAU/WAU needs a week)').max(3650).default(400),
    /** Repositories with any of these GitHub topics are left out of catalog coverage. */
    ignoreTopics: z
      .array(z.string().regex(/^[a-z0-9][a-z0-9-]{0,49}$/, 'must be a GitHub topic: lower-case letters, digits and "-"'))
      .default(['wayfinder-ignore']),
    /** Answers to "Was this useful?" one person may give per hour. */
    feedbackPerHour: z.number().int().min(1).max(1000).default(10),
    /** A team filter shows its people's activity (DAU/WAU, most used pages and actions) only with at least this many people in it. */
    minTeamPeople: z.number().int().min(1).max(1000).default(5),
    /** How long one computation of the metrics serves /insights and the API (0: every request computes). */
    cacheSeconds: z.number().int().min(0).max(3600).default(60),
  })
  .strict();

const INSIGHTS_DEFAULTS = {
  activityRetentionDays: 400,
  ignoreTopics: ['wayfinder-ignore'],
  feedbackPerHour: 10,
  minTeamPeople: 5,
  cacheSeconds: 60,
};

const AUTH_DEFAULTS = {
  sessionMaxAgeDays: 30,
  admins: { logins: [] },
  allowUnknownUsers: false,
  local: { enabled: false, allowInProduction: false, fromAnyAddress: false },
  serviceTokens: [],
  apiTokens: { maxDays: 90, adminMaxDays: 365 },
};

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
        limits: catalogLimitsSchema.default(DEFAULT_CATALOG_LIMITS),
      })
      .strict()
      .default({
        locations: [],
        rules: [{ allow: ['Component', 'API', 'Location'] }],
        refreshIntervalSeconds: 300,
        limits: DEFAULT_CATALOG_LIMITS,
      }),
    integrations: z
      .object({ github: z.array(githubIntegrationSchema).default([]) })
      .strict()
      .default({ github: [] }),
    /** What the server may read besides integrations (README "Which hosts and files the server reads"). */
    backend: z
      .object({
        reading: z
          .object({ allow: z.array(readingAllowSchema).default([]) })
          .strict()
          .default({ allow: [] }),
      })
      .strict()
      .default({ reading: { allow: [] } }),
    auth: authSchema.default(AUTH_DEFAULTS),
    argocd: argocdSchema.default({ appLocatorMethods: [] }),
    insights: insightsSchema.default(INSIGHTS_DEFAULTS),
    /** Scorecard definition files (relative to this file) or URLs (GitHub integrations, backend.reading.allow). */
    scorecards: z.array(z.string().min(1, 'must be a file path or a URL')).default([]),
  })
  .strict()
  // GitHub sign-in takes its URLs from the integration of its host (github.com needs none).
  .superRefine((c, ctx) => {
    const host = c.auth.github?.host;
    const hosts = c.integrations.github.map((g) => g.host);
    if (host && host !== 'github.com' && !hosts.includes(host))
      ctx.addIssue({
        code: 'custom',
        path: ['auth', 'github', 'host'],
        message: `${host} has no entry in integrations.github (hosts: ${hosts.join(', ') || 'none'}); add one with its apiBaseUrl and webBaseUrl`,
      });
  });

export type WayfinderConfig = z.infer<typeof configSchema>;
export type ConfigLocation = z.infer<typeof configLocationSchema>;
export type CatalogRule = z.infer<typeof catalogRuleSchema>;
export type CatalogLimits = z.infer<typeof catalogLimitsSchema>;
export type GithubIntegration = z.infer<typeof githubIntegrationSchema>;
export type ReadingAllowRule = z.infer<typeof readingAllowSchema>;
export type AuthConfig = z.infer<typeof authSchema>;
export type ServiceToken = z.infer<typeof serviceTokenSchema>;
export type ArgocdConfig = z.infer<typeof argocdSchema>;
