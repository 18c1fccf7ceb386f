'use client';

import { useState, useTransition } from 'react';
import { ActionFeedback } from '@/components/catalog-actions/action-feedback';
import { Button } from '@/components/ui/button';
import { rebuildDocsAction } from '@/lib/docs/actions';

/** Rebuilds an entity's docs from their source now (the action checks permission on the server). */
export function RebuildDocsButton({ entityRef }: { entityRef: string }) {
  const [pending, start] = useTransition();
  const [state, setState] = useState<{ error?: string; success?: string }>({});
  const onClick = () =>
    start(async () => {
      const r = await rebuildDocsAction({ entityRef });
      if (!r.ok) setState({ error: r.error });
      else if (!r.data.ok) setState({ error: `Rebuild failed: ${r.data.message}. The last good build is still shown.` });
      else
        setState({
          success: `Rebuilt: ${r.data.compiled} page${r.data.compiled === 1 ? '' : 's'} compiled, ${r.data.unchanged} unchanged${r.data.problems ? `, ${r.data.problems} problem${r.data.problems === 1 ? '' : 's'}` : ''}.`,
        });
    });
  return (
    <div className="flex flex-col items-end gap-1">
      <Button type="button" variant="secondary" onClick={onClick} disabled={pending}>
        {pending ? 'Rebuilding…' : 'Rebuild'}
      </Button>
      <ActionFeedback {...state} />
    </div>
  );
}
