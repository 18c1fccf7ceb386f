import NextAuth from 'next-auth';
import { authOptions } from '@/lib/auth/next-auth-options';

export const dynamic = 'force-dynamic';

type Ctx = { params: Promise<{ nextauth: string[] }> };

// next-auth's own routes (sign-in redirect, OAuth callback, CSRF): public by design.
async function handler(req: Request, ctx: Ctx): Promise<Response> {
  return NextAuth(req as never, ctx as never, authOptions()) as Promise<Response>;
}

export { handler as GET, handler as POST };
