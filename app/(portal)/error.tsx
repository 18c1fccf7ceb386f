'use client';

import { ErrorPanel } from '@/components/ui/error-panel';

// Shows no internals: the digest lets an operator find the logged error.
export default function PortalError({ error, reset }: { error: Error & { digest?: string }; reset: () => void }) {
  return (
    <ErrorPanel
      title="Something went wrong"
      message="The page could not be shown; nothing you entered was lost on the server. Try again, or go on from the home page."
      digest={error.digest}
      retry={reset}
      home={{ href: '/', label: 'Go to the home page' }}
    />
  );
}
