import type { OpenApiOutline, Operation } from './openapi-model';
import { MarkdownParagraphs, MiniMarkdown } from '@/components/ui/mini-markdown';
import { PathText } from '@/components/ui/path-text';
import { SchemaView } from './schema-view';

const METHOD_TONES: Record<string, string> = {
  get: 'bg-sky-700',
  post: 'bg-emerald-700',
  put: 'bg-amber-700',
  patch: 'bg-teal-700',
  delete: 'bg-red-600',
};

function MethodBadge({ method }: { method: string }) {
  return (
    <span
      className={`inline-block w-16 shrink-0 rounded px-1.5 py-0.5 text-center font-mono text-xs font-bold uppercase text-white ${METHOD_TONES[method] ?? 'bg-slate-500'}`}
    >
      {method}
    </span>
  );
}

function SectionTitle({ children }: { children: React.ReactNode }) {
  return <h4 className="mb-2 text-xs font-semibold uppercase tracking-wide text-slate-500 dark:text-slate-400">{children}</h4>;
}

function statusTone(status: string) {
  if (status.startsWith('2')) return 'text-emerald-700 dark:text-emerald-300';
  if (status.startsWith('4') || status.startsWith('5')) return 'text-red-700 dark:text-red-300';
  return 'text-slate-700 dark:text-slate-300';
}

function OperationView({ op }: { op: Operation }) {
  return (
    <details
      id={op.id}
      className="group rounded-md border border-slate-200 bg-white open:shadow-sm dark:border-slate-800 dark:bg-slate-900"
    >
      <summary className="flex cursor-pointer list-none items-center gap-3 px-3 py-2 hover:bg-slate-50 dark:hover:bg-slate-800/50 [&::-webkit-details-marker]:hidden">
        <MethodBadge method={op.method} />
        {/* The path wraps after its slashes on a narrow screen; the summary gives way first. */}
        <code
          className={`min-w-0 font-mono text-sm font-medium ${op.deprecated ? 'text-slate-500 dark:text-slate-400 line-through' : 'text-slate-900 dark:text-slate-100'}`}
        >
          <PathText text={op.path} />
        </code>
        <span className="min-w-0 flex-1 truncate text-sm text-slate-500 dark:text-slate-400" title={op.summary}>
          {op.summary}
        </span>
        <span className="ml-auto shrink-0 text-slate-400 transition-transform group-open:rotate-90" aria-hidden>
          ▸
        </span>
      </summary>
      <div className="space-y-5 border-t border-slate-200 px-4 py-4 dark:border-slate-800">
        {(op.description || op.operationId) && (
          <div className="space-y-1 text-sm text-slate-700 dark:text-slate-300">
            {op.description && <MarkdownParagraphs text={op.description} />}
            {op.operationId && (
              <p className="text-xs text-slate-500 dark:text-slate-400">
                Operation ID <code className="font-mono">{op.operationId}</code>
              </p>
            )}
          </div>
        )}
        {op.parameters.length > 0 && (
          <section>
            <SectionTitle>Parameters</SectionTitle>
            <table className="w-full text-left text-sm">
              <tbody className="divide-y divide-slate-100 dark:divide-slate-800">
                {op.parameters.map((p) => (
                  <tr key={`${p.in}-${p.name}`}>
                    <td className="py-1.5 pr-3 align-top">
                      <code className="font-mono text-[13px] font-semibold">{p.name}</code>
                      {p.required && (
                        <span className="ml-1 text-[10px] font-semibold uppercase text-red-600 dark:text-red-400">required</span>
                      )}
                    </td>
                    <td className="py-1.5 pr-3 align-top text-xs text-slate-500 dark:text-slate-400">{p.in}</td>
                    <td className="py-1.5 pr-3 align-top">
                      <SchemaView schema={p.schema} />
                    </td>
                    <td className="py-1.5 align-top text-slate-600 dark:text-slate-400">
                      {p.description && <MiniMarkdown text={p.description} />}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </section>
        )}
        {op.requestBody && (
          <section>
            <SectionTitle>
              Request body {op.requestBody.required && <span className="text-red-600 dark:text-red-400">· required</span>}
            </SectionTitle>
            {op.requestBody.description && (
              <div className="mb-2 space-y-2 text-sm text-slate-600 dark:text-slate-400">
                <MarkdownParagraphs text={op.requestBody.description} />
              </div>
            )}
            {op.requestBody.content.map((c) => (
              <div key={c.mediaType} className="mb-2">
                <p className="mb-1 font-mono text-xs text-slate-500 dark:text-slate-400">{c.mediaType}</p>
                <SchemaView schema={c.schema} />
              </div>
            ))}
          </section>
        )}
        <section>
          <SectionTitle>Responses</SectionTitle>
          <ul className="space-y-2">
            {op.responses.map((r) => (
              <li key={r.status}>
                <details className="rounded-md border border-slate-200 dark:border-slate-800" open={r.status.startsWith('2')}>
                  <summary className="flex cursor-pointer list-none items-center gap-3 px-3 py-1.5 text-sm [&::-webkit-details-marker]:hidden">
                    <code className={`font-mono font-semibold ${statusTone(r.status)}`}>{r.status}</code>
                    <span className="text-slate-600 dark:text-slate-400">{r.description && <MiniMarkdown text={r.description} />}</span>
                    {r.content.length > 0 && (
                      <span className="ml-auto font-mono text-xs text-slate-500 dark:text-slate-400">
                        {r.content.map((c) => c.mediaType).join(', ')}
                      </span>
                    )}
                  </summary>
                  {r.content.length > 0 && (
                    <div className="space-y-2 border-t border-slate-200 p-3 dark:border-slate-800">
                      {r.content.map((c) => (
                        <SchemaView key={c.mediaType} schema={c.schema} />
                      ))}
                    </div>
                  )}
                </details>
              </li>
            ))}
          </ul>
        </section>
      </div>
    </details>
  );
}

/** An interactive API reference: operations by tag, each expandable to parameters, body and responses. */
export function OpenApiView({ outline }: { outline: OpenApiOutline }) {
  const count = outline.groups.reduce((n, g) => n + g.operations.length, 0);
  return (
    <div className="space-y-6">
      <div className="rounded-lg border border-slate-200 bg-white p-4 dark:border-slate-800 dark:bg-slate-900">
        <div className="flex flex-wrap items-baseline gap-3">
          <h2 className="text-lg font-semibold">{outline.title}</h2>
          {outline.version && (
            <span className="rounded bg-slate-100 px-1.5 py-0.5 font-mono text-xs text-slate-600 dark:bg-slate-800 dark:text-slate-300">
              v{outline.version}
            </span>
          )}
          <span className="text-sm text-slate-500 dark:text-slate-400">
            {count} operation{count === 1 ? '' : 's'}
          </span>
        </div>
        {outline.description && (
          <div className="mt-2 max-w-3xl space-y-2 text-sm text-slate-600 dark:text-slate-400">
            <MarkdownParagraphs text={outline.description} />
          </div>
        )}
        {outline.servers.length > 0 && (
          <p className="mt-3 flex flex-wrap gap-2 text-xs text-slate-500 dark:text-slate-400">
            Servers:
            {outline.servers.map((s) => (
              <code key={s} className="rounded bg-slate-100 px-1.5 py-0.5 font-mono text-slate-700 dark:bg-slate-800 dark:text-slate-300">
                {s}
              </code>
            ))}
          </p>
        )}
      </div>
      {outline.groups.map((g) => (
        <section key={g.tag ?? ''}>
          <h3 className="mb-1 text-base font-semibold">{g.tag ?? (outline.groups.length === 1 ? 'Operations' : 'Other operations')}</h3>
          {g.description && (
            <div className="mb-2 space-y-2 text-sm text-slate-500 dark:text-slate-400">
              <MarkdownParagraphs text={g.description} />
            </div>
          )}
          <div className="space-y-2">
            {g.operations.map((op) => (
              <OperationView key={op.id} op={op} />
            ))}
          </div>
        </section>
      ))}
    </div>
  );
}
