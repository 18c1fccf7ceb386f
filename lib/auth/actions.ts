'use server';

import { cookies, headers } from 'next/headers';
import { redirect } from 'next/navigation';
import { revalidatePath } from 'next/cache';
import { z } from 'zod';
import { getConfig } from '@/lib/config/load-config';
import { getPrisma } from '@/lib/db/client';
import { getEnv } from '@/lib/env';
import { AppError } from '@/lib/errors';
import { createAction, type ActionResult } from './action';
import { safeCallbackPath } from './callback-url';
import { createApiTokenFor, revokeApiToken } from './api-tokens';
import { recordAudit } from './audit';
import { localSignInRefusal } from './local-sign-in';
import { entityRecord } from './records';
import { createSession, deleteSession, secureCookies, sessionCookie } from './sessions';
import { THEME_COOKIE, THEMES } from './theme';
import { SESSION_COOKIE_NAMES } from './session-cookie';
import { ensureUserForEntity, userIdOf } from './users';

const localSignInSchema = z.object({ userRef: z.string().trim().min(3).max(600), callbackUrl: z.string().max(2000).optional() });

/**
 * Local sign-in (development): a database session for a chosen catalog User, no password. Refused
 * unless auth.local.enabled (start-up refuses production unless allowInProduction), and in
 * production from another machine (local-sign-in.ts). Takes form data.
 */
export async function localSignInAction(_prev: ActionResult<null> | null, form: FormData): Promise<ActionResult<null>> {
  const refusal = localSignInRefusal(await headers(), getConfig().auth.local, getEnv().NODE_ENV);
  if (refusal) {
    await recordAudit('anonymous', { action: 'permission.refused', details: { attempted: 'local sign-in', reason: refusal } });
    return { ok: false, code: 'FORBIDDEN', error: refusal };
  }
  const parsed = localSignInSchema.safeParse({ userRef: form.get('userRef'), callbackUrl: form.get('callbackUrl') ?? undefined });
  if (!parsed.success) return { ok: false, code: 'BAD_REQUEST', error: 'choose a user to sign in as' };
  let user: { id: string };
  try {
    user = await ensureUserForEntity(parsed.data.userRef);
  } catch (err) {
    if (err instanceof AppError) return { ok: false, code: err.code, error: err.message };
    throw err;
  }
  const session = await createSession(user.id);
  const c = sessionCookie(session.token, session.expires);
  (await cookies()).set(c.name, c.value, c.options);
  redirect(safeCallbackPath(parsed.data.callbackUrl));
}

/** Ends the browser session (row deleted, cookie cleared) whichever way it was started. */
export async function signOutAction(): Promise<void> {
  const jar = await cookies();
  for (const name of SESSION_COOKIE_NAMES) {
    const token = jar.get(name)?.value;
    if (token) await deleteSession(token);
  }
  for (const name of SESSION_COOKIE_NAMES) jar.delete(name);
  redirect('/sign-in');
}

const createTokenSchema = z.object({
  name: z.string().trim().min(1, 'give the token a name, e.g. "ci-deploy"').max(100, 'must be at most 100 characters'),
  scope: z.enum(['read', 'write'], { message: 'choose read or write' }),
  expiresInDays: z.coerce
    .number({ message: 'choose when the token expires' })
    .int('choose a whole number of days')
    .min(1, 'a token lives at least 1 day'),
});

/**
 * Creates a personal access token within the person's token policy (scope and lifetime, see
 * tokenPolicy); the token itself is in the result once and never again. Like every server action
 * it needs the browser session: a bearer token can neither create nor revoke tokens.
 */
export const createApiTokenAction = createAction(
  { name: 'createApiToken', schema: createTokenSchema, access: 'catalog.read' },
  async (input, { actor }) => {
    const { token, summary } = await createApiTokenFor(actor, input);
    await recordAudit(actor, {
      action: 'token.create',
      target: `token:${summary.prefix}`,
      details: { name: summary.name, scope: summary.scope, expiresAt: summary.expiresAt?.toISOString() ?? null },
    });
    revalidatePath('/settings/tokens');
    return { token, id: summary.id, prefix: summary.prefix };
  },
);

export const revokeApiTokenAction = createAction(
  { name: 'revokeApiToken', schema: z.object({ id: z.uuid('not a token id') }), access: 'catalog.read' },
  async ({ id }, { actor }) => {
    const revoked = await revokeApiToken(userIdOf(actor), id);
    await recordAudit(actor, { action: 'token.revoke', target: `token:${revoked.prefix}`, details: { name: revoked.name } });
    revalidatePath('/settings/tokens');
    return { id };
  },
);

// At most 600 characters, as every entity ref an action takes: a refusal writes the group into the audit log.
const leadSchema = z.object({
  groupRef: z
    .string()
    .trim()
    .toLowerCase()
    .max(600, 'must be at most 600 characters')
    .regex(/^group:[^/]+\/.+$/, 'must be a group ref, e.g. group:default/team-orders'),
  userRef: z
    .string()
    .trim()
    .toLowerCase()
    .max(600, 'must be at most 600 characters')
    .regex(/^user:[^/]+\/.+$/, 'must be a user ref, e.g. user:default/sanne-devries'),
});

/** Admins appoint a portal lead of a group (alongside the GitHub team maintainers from org sync). */
export const appointLeadAction = createAction(
  {
    name: 'appointLead',
    schema: leadSchema,
    access: ({ groupRef }) => ({ permission: 'auth.lead.manage', record: entityRecord(groupRef) }),
  },
  async ({ groupRef, userRef }, { actor }) => {
    const prisma = await getPrisma();
    const user = await prisma.entity.findUnique({ where: { ref: userRef }, select: { location: { select: { trusted: true } } } });
    if (!user) throw new AppError('NOT_FOUND', `${userRef} is not in the catalog`);
    // Only a trusted User can be signed in as (resolve.ts), so only one can lead; the picker offers no other.
    if (!user.location?.trusted)
      throw new AppError(
        'UNPROCESSABLE',
        `${userRef} is not a User from a trusted location (the config's or an admin's org sync), so nobody signs in as it; appoint the person's User from the organisation's catalog`,
      );
    await prisma.$transaction(async (tx) => {
      await tx.groupLead.upsert({
        where: { groupRef_userRef_source: { groupRef, userRef, source: 'portal' } },
        create: { groupRef, userRef, source: 'portal' },
        update: {},
      });
      await recordAudit(actor, { action: 'lead.appoint', target: groupRef, details: { userRef } }, tx);
    });
    revalidatePath('/admin/leads');
    return { groupRef, userRef };
  },
);

/** Removes a portal-appointed lead; GitHub maintainers are removed in GitHub (org sync). */
export const removeLeadAction = createAction(
  { name: 'removeLead', schema: leadSchema, access: 'auth.lead.manage' },
  async ({ groupRef, userRef }, { actor }) => {
    const prisma = await getPrisma();
    await prisma.$transaction(async (tx) => {
      const { count } = await tx.groupLead.deleteMany({ where: { groupRef, userRef, source: 'portal' } });
      if (count === 0) throw new AppError('NOT_FOUND', `${userRef} is not a portal-appointed lead of ${groupRef}`);
      await recordAudit(actor, { action: 'lead.remove', target: groupRef, details: { userRef } }, tx);
    });
    revalidatePath('/admin/leads');
    return { groupRef, userRef };
  },
);

/**
 * Keeps this browser's colour theme (Settings → Appearance) in a cookie the root layout reads; the
 * system's is no cookie. A display preference, not a change to anything shared: not audited.
 */
export const setThemeAction = createAction(
  { name: 'setTheme', schema: z.object({ theme: z.enum(THEMES, { message: 'choose auto, light or dark' }) }), access: 'catalog.read' },
  async ({ theme }) => {
    const jar = await cookies();
    if (theme === 'auto') jar.delete(THEME_COOKIE);
    else jar.set(THEME_COOKIE, theme, { httpOnly: true, sameSite: 'lax', path: '/', secure: secureCookies(), maxAge: 365 * 24 * 3600 });
    return { theme };
  },
);
