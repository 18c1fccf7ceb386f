import type { Metadata } from 'next';
import { cookies } from 'next/headers';
import { connection } from 'next/server';
import { THEME_COOKIE, themeOf } from '@/lib/auth/theme';
import type { ReactNode } from 'react';
import './globals.css';

export const metadata: Metadata = {
  title: { default: 'Wayfinder', template: '%s · Wayfinder' },
  description: 'Software catalog, golden paths and docs for every service in the organisation.',
};

// Every page renders per request: Next puts the request's CSP nonce (proxy.ts) on its scripts only
// then; a page prerendered at build time would carry scripts without it, which the policy blocks.
export default async function RootLayout({ children }: { children: ReactNode }) {
  await connection();
  // The person's theme is on the page as it is sent: no flash of the other one while scripts load.
  const theme = themeOf((await cookies()).get(THEME_COOKIE)?.value);
  return (
    <html lang="en" data-theme={theme}>
      <body className="min-h-screen font-sans">{children}</body>
    </html>
  );
}
