import { z } from 'zod';

// What a check may look at, gathered by lib/scorecards/facts.ts (database reads) before scoring, so
// checks stay pure functions of their input.

/** Facts about a repository, read through the GitHub integration (lib/scorecards/repository-facts.ts). */
export const repoFactsSchema = z.object({
  catalogInfoAtRoot: z.boolean(),
  codeowners: z.boolean(),
  readme: z.boolean(),
  mkdocs: z.boolean(),
  docsFolder: z.boolean(),
  /** Paths of .github/workflows/*.yml|yaml. */
  workflowFiles: z.array(z.string()),
  /** The latest workflow run on the default branch, or null when there is none. */
  latestRun: z
    .object({ name: z.string(), status: z.string(), conclusion: z.string().nullable(), url: z.string(), at: z.string() })
    .nullable(),
  branchProtected: z.boolean(),
  /** required_approving_review_count of the default branch's protection (0 when none). */
  requiredReviews: z.number().int(),
  /** Open pull requests by Dependabot or Renovate. */
  dependencyPrs: z.array(z.object({ number: z.number().int(), title: z.string(), url: z.string(), createdAt: z.string() })),
});
export type RepoFacts = z.infer<typeof repoFactsSchema>;

export type EntityFacts = {
  ref: string;
  kind: string;
  specType: string | null;
  lifecycle: string | null;
  tags: string[];
  /** Canonical ref of spec.owner. */
  owner: string | null;
  system: string | null;
  body: { metadata?: Record<string, unknown>; spec?: Record<string, unknown> } & Record<string, unknown>;
  /** The owner's catalog entity, when it exists. */
  ownerEntity: { kind: string; specType: string | null } | null;
  systemExists: boolean;
  /** APIs the entity provides (providesApi relations), with whether each exists and has a definition. */
  providedApis: { ref: string; exists: boolean; type: string | null; hasDefinition: boolean }[];
  /** Open processing problems of the entity. */
  problems: { message: string }[];
  /** The entity's built docs site (null: never built). */
  docs: { builtAt: string | null; sourceChangedAt: string | null; failure: string | null; problemCount: number } | null;
  /** The repository the entity comes from: null when it is not in a GitHub repository; facts null until read. */
  repository: { name: string; facts: RepoFacts | null; error: string | null } | null;
};
