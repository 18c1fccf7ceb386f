'use client';

import { ErrorPanel } from '@/components/ui/error-panel';

// Sign-in failed on the server (the database, the configuration): say so, and offer the way back in.
export default function SignInError({ error, reset }: { error: Error & { digest?: string }; reset: () => void }) {
  return (
    <ErrorPanel
      title="Sign-in is not available right now"
      message="The portal could not show this sign-in page. Try again in a moment; if it keeps failing, the portal's server needs attention."
      digest={error.digest}
      retry={reset}
      home={{ href: '/sign-in', label: 'Back to sign-in' }}
    />
  );
}
