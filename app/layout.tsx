import type { Metadata } from 'next';
import { connection } from 'next/server';
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
  return (
    <html lang="en">
      <body className="min-h-screen font-sans">{children}</body>
    </html>
  );
}
