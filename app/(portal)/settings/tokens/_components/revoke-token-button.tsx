'use client';

import { useTransition } from 'react';
import { Button } from '@/components/ui/button';
import { revokeApiTokenAction } from '@/lib/auth/actions';

export function RevokeTokenButton({ id, name }: { id: string; name: string }) {
  const [pending, start] = useTransition();
  return (
    <Button
      variant="danger"
      disabled={pending}
      aria-label={`Revoke ${name}`}
      onClick={() => {
        if (!window.confirm(`Revoke the token "${name}"? Clients using it stop working at once.`)) return;
        start(async () => {
          const res = await revokeApiTokenAction({ id });
          if (!res.ok) window.alert(res.error);
        });
      }}
    >
      Revoke
    </Button>
  );
}
