'use client';

import { useState, useTransition } from 'react';
import { Button } from '@/components/ui/button';
import { Field } from '@/components/ui/field';
import { Textarea } from '@/components/ui/textarea';
import { tryExpressionAction } from '@/lib/scaffolder/actions';

type Outcome = { json: string | null } | { error: string; fieldErrors?: Record<string, string[]> };

/**
 * One expression rendered on the server in a new sandbox, with the parameters given and the person
 * as `user`, as a template's step input would be: the output, or the error a run would fail with.
 */
export function TryExpression({
  expression: initialExpression,
  parameters: initialParameters,
}: {
  expression: string;
  parameters: string;
}) {
  const [expression, setExpression] = useState(initialExpression);
  const [parameters, setParameters] = useState(initialParameters);
  const [outcome, setOutcome] = useState<Outcome | null>(null);
  const [pending, start] = useTransition();
  const fieldErrors = outcome && 'error' in outcome ? outcome.fieldErrors : undefined;
  const code = (name: 'expression' | 'parameters', label: string, hint: string, value: string, change: (v: string) => void) => (
    <Field label={label} error={fieldErrors?.[name]} hint={hint}>
      {(p) => (
        <Textarea
          {...p}
          name={name}
          rows={4}
          spellCheck={false}
          className="font-mono text-xs"
          value={value}
          onChange={(e) => change(e.target.value)}
        />
      )}
    </Field>
  );
  return (
    <form
      className="space-y-3"
      onSubmit={(e) => {
        e.preventDefault();
        start(async () => {
          const res = await tryExpressionAction({ expression, parameters });
          setOutcome(res.ok ? res.data : { error: res.error, fieldErrors: res.fieldErrors });
        });
      }}
    >
      <div className="grid gap-3 lg:grid-cols-2">
        {code('expression', 'Expression', 'As a step input holds it: ${{ … }}, with {% %} tags if needed.', expression, setExpression)}
        {code('parameters', 'Parameters (JSON)', "The form's answers, read as parameters.<name>; user is you.", parameters, setParameters)}
      </div>
      <Button type="submit" disabled={pending}>
        {pending ? 'Rendering…' : 'Render'}
      </Button>
      <div aria-live="polite">
        {outcome &&
          ('error' in outcome ? (
            !outcome.fieldErrors && (
              <p role="alert" className="text-sm text-red-700 [overflow-wrap:anywhere] dark:text-red-300">
                {outcome.error}
              </p>
            )
          ) : (
            <div>
              <h3 className="text-xs font-semibold uppercase tracking-wide text-slate-500 dark:text-slate-400">Output</h3>
              {outcome.json === null ? (
                <p className="mt-1 text-sm text-slate-600 dark:text-slate-300">
                  No value: a step input that renders to nothing is left out.
                </p>
              ) : (
                <pre className="mt-1 max-h-80 overflow-auto rounded-md bg-slate-50 p-3 text-xs text-slate-800 dark:bg-slate-950 dark:text-slate-200">
                  {outcome.json}
                </pre>
              )}
            </div>
          ))}
      </div>
    </form>
  );
}
