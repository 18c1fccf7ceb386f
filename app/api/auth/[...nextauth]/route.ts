import NextAuth from 'next-auth';
import { getConfig } from '@/lib/config/load-config';
import { authOptions } from '@/lib/auth/next-auth-options';
import { AppError } from '@/lib/errors';
import { errorResponse } from '@/lib/http/route';

export const dynamic = 'force-dynamic';

type Ctx = { params: Promise<{ nextauth: string[] }> };

// next-auth's own routes (sign-in redirect, OAuth callback, CSRF): public by design. They serve
// GitHub sign-in only; without auth.github there is nothing here (local sign-in is a server action
// of its own), so every path is a 404 that names the setting instead of next-auth's 500.
async function handler(req: Request, ctx: Ctx): Promise<Response> {
  if (!getConfig().auth.github) {
    return errorResponse(
      req,
      new AppError(
        'NOT_FOUND',
        'GitHub sign-in is not configured: set auth.github (with auth.sessionSecret and NEXTAUTH_URL) in wayfinder.config.yaml',
      ),
    );
  }
  return NextAuth(req as never, ctx as never, authOptions()) as Promise<Response>;
}

export { handler as GET, handler as POST };
