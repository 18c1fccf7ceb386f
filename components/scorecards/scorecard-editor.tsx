'use client';

import Link from 'next/link';
import { useRouter } from 'next/navigation';
import { useState, useTransition } from 'react';
import { ErrorText } from '@/components/catalog-actions/error-text';
import { entityHref } from '@/lib/catalog/entity-href';
import { Button } from '@/components/ui/button';
import type { ActionResult } from '@/lib/auth/action';
import type { PreviewResult } from '@/lib/scorecards/actions';
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from '@/components/ui/table';

type Props = {
  id: string | null;
  initialYaml: string;
  preview: (input: { yaml: string; id: string | null }) => Promise<ActionResult<PreviewResult>>;
  save: (input: { yaml: string; id: string | null }) => Promise<ActionResult<{ id: string; version: number }>>;
};

/** YAML in a textarea; Preview scores every covered entity without saving; Save stores a new version. */
export function ScorecardEditor({ id, initialYaml, preview, save }: Props) {
  const router = useRouter();
  const [yaml, setYaml] = useState(initialYaml);
  const [error, setError] = useState<string | null>(null);
  const [result, setResult] = useState<PreviewResult | null>(null);
  const [saved, setSaved] = useState<string | null>(null);
  const [pending, start] = useTransition();

  const run = (what: 'preview' | 'save') =>
    start(async () => {
      setError(null);
      setSaved(null);
      if (what === 'preview') {
        const r = await preview({ yaml, id });
        if (r.ok) setResult(r.data);
        else setError(r.fieldErrors?.yaml?.join('\n') ?? r.error);
        return;
      }
      const r = await save({ yaml, id });
      if (!r.ok) {
        setError(r.fieldErrors?.yaml?.join('\n') ?? r.error);
        return;
      }
      setSaved(`Saved version ${r.data.version}; every entity was rescored.`);
      if (!id) router.push(`/scorecards/${r.data.id}/edit`);
      else router.refresh();
    });

  return (
    <div className="space-y-4">
      <label className="block text-sm font-medium" htmlFor="scorecard-yaml">
        Definition (YAML)
      </label>
      <textarea
        id="scorecard-yaml"
        value={yaml}
        onChange={(e) => setYaml(e.target.value)}
        spellCheck={false}
        wrap="off"
        rows={24}
        className="w-full rounded-md border border-slate-300 bg-white p-3 font-mono text-xs leading-5 dark:border-slate-700 dark:bg-slate-950"
        aria-describedby={error ? 'scorecard-error' : undefined}
        aria-invalid={error ? true : undefined}
      />
      {error && (
        <div
          id="scorecard-error"
          role="alert"
          className="rounded-md border border-red-200 bg-red-50 p-3 text-sm text-red-800 dark:border-red-900 dark:bg-red-950/40 dark:text-red-200"
        >
          <ErrorText message={error} />
        </div>
      )}
      {saved && (
        <p role="status" className="text-sm text-emerald-700 dark:text-emerald-300">
          {saved}
        </p>
      )}
      <div className="flex gap-2">
        <Button type="button" variant="secondary" disabled={pending} onClick={() => run('preview')}>
          Preview
        </Button>
        <Button type="button" disabled={pending} onClick={() => run('save')}>
          {pending ? 'Working…' : 'Save'}
        </Button>
      </div>
      {result && (
        <section aria-label="Preview" className="rounded-lg border border-slate-200 p-4 dark:border-slate-800">
          <h2 className="text-sm font-semibold">Preview: {result.title} — nothing is saved</h2>
          <p className="mt-1 text-sm text-slate-600 dark:text-slate-300">
            {Object.values(result.counts).reduce((a, b) => a + b, 0)} entities covered:{' '}
            {[['', 'No level yet'], ...result.levels.map((l) => [l, l])]
              .map(([k, label]) => `${label} ${result.counts[k] ?? 0}`)
              .join(' · ')}
          </p>
          <div className="mt-3 max-h-96 overflow-auto">
            <Table inline>
              <TableHead>
                <tr>
                  <TableHeader>Entity</TableHeader>
                  <TableHeader>Level</TableHeader>
                  <TableHeader align="right">Score</TableHeader>
                  <TableHeader>First rules to fix</TableHeader>
                </tr>
              </TableHead>
              <TableBody>
                {result.rows.map((r) => (
                  <TableRow key={r.ref} className="align-top">
                    <TableCell>
                      <Link href={entityHref(r.ref)}>{r.ref}</Link>
                    </TableCell>
                    <TableCell>{r.level ?? '—'}</TableCell>
                    <TableCell align="right">{r.score}%</TableCell>
                    <TableCell>{r.failing.map((f) => f.title).join('; ')}</TableCell>
                  </TableRow>
                ))}
              </TableBody>
            </Table>
          </div>
        </section>
      )}
    </div>
  );
}
