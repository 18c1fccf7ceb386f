'use client';

// Last resort when the root layout itself fails: plain markup, styled inline (no CSS bundle is certain here).
export default function GlobalError({ error, reset }: { error: Error & { digest?: string }; reset: () => void }) {
  return (
    <html lang="en">
      <body style={{ fontFamily: 'system-ui, sans-serif', display: 'grid', placeItems: 'center', minHeight: '100vh', margin: 0 }}>
        <div style={{ textAlign: 'center', maxWidth: 480 }}>
          <h1>Wayfinder is having trouble</h1>
          <p>The portal could not render. Reference: {error.digest ?? 'none'}</p>
          <button type="button" onClick={reset} style={{ padding: '6px 14px' }}>
            Try again
          </button>
        </div>
      </body>
    </html>
  );
}
