import path from 'node:path';
import { z } from 'zod';

/** A base URL the server sends requests to or sends browsers to: http: or https: only (z.url alone takes any scheme). */
export const httpUrl = (message = 'must be an http(s) URL') => z.url({ protocol: /^https?$/, message });

// The only reader of process.env. Every variable, its default and its meaning is in .env.example.
const int = (fallback: number) => z.coerce.number().int().positive().default(fallback);
const flag = (fallback: boolean) =>
  z
    .enum(['true', 'false', '1', '0'])
    .default(fallback ? 'true' : 'false')
    .transform((v) => v === 'true' || v === '1');

export const envSchema = z.object({
  NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
  DATABASE_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\//, 'must be a postgresql:// URL')
    .optional()
    .or(z.literal('').transform(() => undefined)),
  // Two of them are held for LISTEN (lib/db/listen.ts: job announcements and catalog changes).
  DATABASE_POOL_MAX: z.coerce
    .number()
    .int()
    .min(4, 'must be at least 4: two connections stay open to LISTEN (job announcements, catalog changes), the rest run queries')
    .default(10),
  DATABASE_POOL_CONNECTION_TIMEOUT_MS: int(5_000),
  DATABASE_POOL_IDLE_TIMEOUT_MS: int(30_000),
  DATABASE_STATEMENT_TIMEOUT_MS: int(30_000),
  WAYFINDER_DATA_DIR: z.string().min(1).default('./.data'),
  WAYFINDER_CONFIG: z.string().min(1).default('./wayfinder.config.yaml'),
  WAYFINDER_WORKERS: flag(true),
  PORT: z.coerce.number().int().min(1).max(65535).default(3000),
  /** Interface `npm start` binds to (as Next's standalone server reads it). */
  HOSTNAME: z.string().min(1).default('0.0.0.0'),
  /** Secret GitHub signs webhook deliveries with (X-Hub-Signature-256); the webhook endpoint refuses all deliveries without it. */
  GITHUB_WEBHOOK_SECRET: z.string().min(1).optional(),
  /** Token for github.com when wayfinder.config.yaml configures no GitHub integration. */
  GITHUB_TOKEN: z.string().min(1).optional(),
  /** The portal's public URL (e.g. https://portal.example.com); GitHub sign-in redirects back to it. next-auth reads it too. */
  NEXTAUTH_URL: httpUrl('must be the http(s) URL the portal is served at (e.g. https://portal.example.com)')
    .optional()
    .or(z.literal('').transform(() => undefined)),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
});

export type Env = z.infer<typeof envSchema>;

let cached: Env | undefined;

/** Parsed environment; a wrong value throws an error naming the variable and what is expected. */
export function getEnv(): Env {
  if (cached) return cached;
  const parsed = envSchema.safeParse(process.env);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`);
    throw new Error(`Invalid environment variables:\n${lines.join('\n')}`);
  }
  cached = parsed.data;
  return cached;
}

/** Absolute path of the embedded database folder. */
export function dataDir(env: Env = getEnv()): string {
  return path.resolve(env.WAYFINDER_DATA_DIR);
}

/** A variable referenced as `${NAME}` in wayfinder.config.yaml (Backstage's env substitution). */
export function readConfigVariable(name: string): string | undefined {
  return process.env[name];
}

/** Test hook: forget the parsed environment after a test changed process.env. */
export function resetEnvForTests(): void {
  cached = undefined;
}
