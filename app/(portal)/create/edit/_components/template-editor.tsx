'use client';

import { useMemo, useState } from 'react';
import { isMap, LineCounter, parseDocument } from 'yaml';
import { formPages } from '@/components/scaffolder/form-schema';
import type { PickerContext } from '@/components/scaffolder/field-shell';
import { RunTemplateForm } from '@/components/scaffolder/run-form';
import { Card } from '@/components/ui/card';
import { dryRunAction } from '@/lib/scaffolder/actions';
import type { DryRunResult } from '@/lib/scaffolder/dry-run';
import { Field } from '@/components/ui/field';
import { Select } from '@/components/ui/select';
import { Textarea } from '@/components/ui/textarea';

// The template editor: a catalog template or pasted YAML, its form, and a dry run that shows the
// rendered files, the log and the output, with no side effects. YAML errors show with line and
// column as you type; template errors come back from the server the same way.

type Json = Record<string, unknown>;

function readYaml(text: string): { parameters: Json[]; error: string | null } {
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter });
  const first = doc.errors[0];
  if (first) {
    const pos = first.linePos?.[0];
    return { parameters: [], error: `template.yaml:${pos?.line ?? 1}:${pos?.col ?? 1}: ${first.message.split('\n')[0]}` };
  }
  if (!isMap(doc.contents))
    return { parameters: [], error: 'template.yaml:1:1: a template is a YAML mapping (apiVersion, kind, metadata, spec)' };
  // No alias expansion: a pasted template cannot make the browser build a billion laughs.
  const spec = (doc.toJS({ maxAliasCount: 0 }) as { spec?: { parameters?: unknown } }).spec;
  const p = spec?.parameters;
  return { parameters: (Array.isArray(p) ? p : p ? [p] : []) as Json[], error: null };
}

const decode = (b64: string) => new TextDecoder().decode(Uint8Array.from(atob(b64), (c) => c.charCodeAt(0)));

export function TemplateEditor({ templates, context }: { templates: { ref: string; yaml: string }[]; context: PickerContext }) {
  const [ref, setRef] = useState<string>('');
  const [text, setText] = useState('');
  const [result, setResult] = useState<DryRunResult | null>(null);
  const parsed = useMemo(() => (text.trim() ? readYaml(text) : null), [text]);
  const pages = useMemo(() => formPages(parsed?.parameters ?? []), [parsed]);
  const loaded = templates.find((t) => t.ref === ref);

  return (
    <div className="grid gap-4 xl:grid-cols-2">
      <Card title="Template">
        <div className="mb-2 flex flex-wrap items-end gap-2">
          {/* max-w-full: the select is as wide as its longest template ref, wider than a phone's card. */}
          <Field label="Load from the catalog" className="max-w-full">
            {(p) => (
              <Select
                {...p}
                inline
                className="max-w-full"
                value={ref}
                onChange={(e) => {
                  setRef(e.target.value);
                  setText(templates.find((t) => t.ref === e.target.value)?.yaml ?? '');
                  setResult(null);
                }}
              >
                <option value="">Paste YAML below, or choose…</option>
                {templates.map((t) => (
                  <option key={t.ref} value={t.ref}>
                    {t.ref}
                  </option>
                ))}
              </Select>
            )}
          </Field>
        </div>
        <Textarea
          aria-label="Template YAML"
          spellCheck={false}
          value={text}
          onChange={(e) => {
            setText(e.target.value);
            setResult(null);
          }}
          className="h-[28rem] font-mono text-xs"
          placeholder="apiVersion: scaffolder.backstage.io/v1beta3&#10;kind: Template&#10;…"
        />
        {parsed?.error && (
          <p role="alert" className="mt-2 font-mono text-xs text-red-700 dark:text-red-300">
            {parsed.error}
          </p>
        )}
      </Card>
      <div className="min-w-0 space-y-4">
        {parsed && !parsed.error && (
          <Card title="Form">
            <RunTemplateForm
              key={text.length + ref}
              templateRef={ref}
              pages={pages}
              secretFields={[]}
              context={context}
              submitLabel="Dry run"
              onSubmit={async (values) => {
                // Unchanged catalog templates run with their own files; edited or pasted ones have none.
                const r = await dryRunAction({
                  template: text,
                  templateRef: loaded && loaded.yaml === text ? ref : undefined,
                  values,
                  secrets: {},
                  directoryContents: [],
                });
                if (r.ok) setResult(r.data);
                return r.ok ? { ok: true } : r;
              }}
            />
          </Card>
        )}
        {result && <DryRunView result={result} />}
      </div>
    </div>
  );
}

function DryRunView({ result }: { result: DryRunResult }) {
  return (
    <Card title="Dry run">
      <h3 className="text-xs font-semibold uppercase tracking-wide text-slate-500 dark:text-slate-400">Steps</h3>
      <ul className="mb-3 text-sm">
        {result.steps.map((s) => (
          <li key={s.id}>
            {s.name} <code className="text-[11px] text-slate-500 dark:text-slate-400">{s.action}</code> — {s.status}
          </li>
        ))}
      </ul>
      <h3 className="text-xs font-semibold uppercase tracking-wide text-slate-500 dark:text-slate-400">
        Files ({result.directoryContents.length})
      </h3>
      <div className="mb-3">
        {result.directoryContents.map((f) => (
          <details key={f.path} className="border-b border-slate-100 py-1 text-sm dark:border-slate-800">
            <summary className="cursor-pointer font-mono text-xs">{f.path}</summary>
            <pre className="mt-1 max-h-64 overflow-auto rounded bg-slate-50 p-2 text-xs dark:bg-slate-950">{decode(f.base64Content)}</pre>
          </details>
        ))}
      </div>
      <h3 className="text-xs font-semibold uppercase tracking-wide text-slate-500 dark:text-slate-400">Log</h3>
      <pre className="mb-3 max-h-64 overflow-auto whitespace-pre-wrap rounded bg-slate-950 p-2 text-xs text-slate-100">
        {result.log.map((l) => `${l.body.stepId ? `[${l.body.stepId}] ` : ''}${l.body.message}`).join('\n')}
      </pre>
      <h3 className="text-xs font-semibold uppercase tracking-wide text-slate-500 dark:text-slate-400">Output</h3>
      <pre className="overflow-auto rounded bg-slate-50 p-2 text-xs dark:bg-slate-950">{JSON.stringify(result.output, null, 2)}</pre>
    </Card>
  );
}
