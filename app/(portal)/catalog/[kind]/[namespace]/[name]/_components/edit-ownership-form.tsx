'use client';

import { startTransition, useActionState, useState } from 'react';
import { ActionFeedback } from '@/components/catalog-actions/action-feedback';
import { RefCombobox } from '@/components/catalog/ref-combobox';
import { Button } from '@/components/ui/button';
import { LifecycleOptions } from '@/components/catalog-actions/lifecycle-options';
import { Dialog } from '@/components/ui/dialog';
import { Field, type FieldControlProps } from '@/components/ui/field';
import { Input } from '@/components/ui/input';
import { Textarea } from '@/components/ui/textarea';
import { editEntityAction } from '@/lib/catalog/edit/actions';
import { shortOwnerRef, shortSystemRef } from '@/lib/catalog/model/refs';

type Values = { owner: string; system: string; lifecycle: string; description: string; tags: string; links: string };
type Props = {
  entityRef: string;
  values: Values;
  target: 'pull-request' | 'file';
  /** The descriptor: its URL in the repository (pull request) or its path (file). */
  source: string | null;
  initiallyOpen?: boolean;
  /** The file is the portal's copy of a config location (the example organisation), not the checkout. */
  editableCopy?: boolean;
};

type State = Awaited<ReturnType<typeof editEntityAction>> | null;

/** What saving will do, said before the person saves. */
function SaveNote({ target, source, editableCopy }: Pick<Props, 'target' | 'source' | 'editableCopy'>) {
  const where = source ? <code className="break-all font-mono text-xs">{source}</code> : 'the descriptor';
  return target === 'pull-request' ? (
    <>Saving opens a pull request that changes {where}; the catalog changes when it is merged.</>
  ) : (
    <>
      Saving rewrites the file {where} on the server (comments and layout are kept) and re-reads it at once.
      {editableCopy && ' It is the portal’s own copy in its data folder: the original files stay as they are.'}
    </>
  );
}

/** "Edit ownership": owner (a Group), system, lifecycle, description, tags and links. */
export function EditOwnershipForm({ entityRef, values, target, source, initiallyOpen = false, editableCopy = false }: Props) {
  const [open, setOpen] = useState(initiallyOpen);
  const [state, submit, pending] = useActionState<State, FormData>(
    async (_prev, form) => editEntityAction({ entityRef, ...Object.fromEntries(form) }),
    null,
  );
  const errors = state && !state.ok ? (state.fieldErrors ?? {}) : {};

  const field = (
    name: keyof Values,
    label: string,
    control: (p: FieldControlProps & { name: string }) => React.ReactNode,
    hint?: string,
    className?: string,
  ) => (
    <Field id={`own-${name}`} label={label} hint={hint} error={errors[name]} className={className}>
      {(p) => control({ ...p, name })}
    </Field>
  );

  return (
    <>
      <Button type="button" variant="secondary" onClick={() => setOpen(true)}>
        Edit ownership
      </Button>
      {/* The browser's modal <dialog>: focus moves into it and back, Escape closes it, the page behind
          is inert. Closed, the form stays mounted, so what was typed is there when it opens again. */}
      <Dialog open={open} onClose={() => setOpen(false)} title="Edit ownership" wide>
        {/* Keyed by the saved values: after a save the page sends the new ones and the fields show them.
          Submitted by hand, not as a form action: React resets a form action's fields when it ends,
          and a refused save must keep what the person typed next to the errors. */}
        <form
          key={JSON.stringify(values)}
          onSubmit={(e) => {
            e.preventDefault();
            const form = new FormData(e.currentTarget);
            startTransition(() => submit(form));
          }}
          className="space-y-4"
          noValidate
        >
          <p data-testid="save-note" className="text-slate-600 dark:text-slate-400">
            <SaveNote target={target} source={source} editableCopy={editableCopy} />
          </p>
          <div className="grid gap-4 sm:grid-cols-2">
            {field(
              'owner',
              'Owner',
              (p) => (
                <RefCombobox {...p} kinds={['group']} format={shortOwnerRef} defaultValue={values.owner} />
              ),
              'Transfer ownership by choosing another group.',
            )}
            {field('system', 'System', (p) => (
              <RefCombobox {...p} kinds={['system']} format={shortSystemRef} defaultValue={values.system} placeholder="(none)" />
            ))}
            {field('lifecycle', 'Lifecycle', (p) => (
              <Input {...p} list="own-lifecycles" defaultValue={values.lifecycle} />
            ))}
            {field(
              'tags',
              'Tags',
              (p) => (
                <Input {...p} defaultValue={values.tags} />
              ),
              'Comma separated, e.g. java, payments',
            )}
            {field(
              'description',
              'Description',
              (p) => (
                <Textarea {...p} rows={2} defaultValue={values.description} />
              ),
              undefined,
              'sm:col-span-2',
            )}
            {field(
              'links',
              'Links',
              (p) => (
                <Textarea {...p} rows={3} defaultValue={values.links} className="font-mono" />
              ),
              'One a line: the URL, then an optional title',
              'sm:col-span-2',
            )}
            <LifecycleOptions id="own-lifecycles" />
          </div>
          <Result state={state} />
          <div className="flex justify-end gap-2">
            <Button type="button" variant="secondary" onClick={() => setOpen(false)}>
              Close
            </Button>
            <Button type="submit" disabled={pending}>
              {pending ? 'Saving…' : target === 'pull-request' ? 'Open pull request' : 'Save'}
            </Button>
          </div>
        </form>
      </Dialog>
    </>
  );
}

function Result({ state }: { state: State }) {
  if (!state) return null;
  if (!state.ok) return <ActionFeedback error={state.error} />;
  const { data } = state;
  if (data.status === 'pull-request') {
    return (
      <p role="status" className="text-sm text-emerald-700 dark:text-emerald-300">
        Pull request{' '}
        <a href={data.prUrl} target="_blank" rel="noreferrer" className="font-medium underline">
          #{data.prNumber}
        </a>{' '}
        opened; the catalog updates when it is merged.
      </p>
    );
  }
  return <ActionFeedback success={data.status === 'updated' ? `Updated ${data.fields.join(', ')}.` : 'Nothing changed.'} />;
}
