import { SchemaView } from '@/components/catalog/openapi/schema-view';
import type { AsyncApiOutline, AsyncChannel } from './asyncapi-model';

// An AsyncAPI reference: servers, then each channel with its operations and their messages, a
// message's payload schema expandable. Server-rendered, no client JavaScript.

const ACTION_TONES: Record<string, string> = {
  subscribe: 'bg-sky-700',
  receive: 'bg-sky-700',
  publish: 'bg-emerald-700',
  send: 'bg-emerald-700',
};

function ChannelView({ channel }: { channel: AsyncChannel }) {
  return (
    <section
      aria-label={`Channel ${channel.name}`}
      className="rounded-md border border-slate-200 bg-white dark:border-slate-800 dark:bg-slate-900"
    >
      <header className="border-b border-slate-200 px-4 py-2 dark:border-slate-800">
        <h3 className="break-all font-mono text-sm font-semibold text-slate-900 dark:text-slate-100">{channel.address ?? channel.name}</h3>
        {channel.description && <p className="mt-0.5 text-sm text-slate-600 dark:text-slate-400">{channel.description}</p>}
      </header>
      <div className="space-y-3 px-4 py-3">
        {channel.operations.length === 0 && <p className="text-sm text-slate-500 dark:text-slate-400">No operations on this channel.</p>}
        {channel.operations.map((op, i) => (
          <div key={`${op.action}-${op.operationId ?? i}`} className="space-y-2">
            <p className="flex flex-wrap items-center gap-2 text-sm">
              <span
                className={`rounded px-1.5 py-0.5 font-mono text-xs font-bold uppercase text-white ${ACTION_TONES[op.action] ?? 'bg-slate-500'}`}
              >
                {op.action}
              </span>
              {op.operationId && <code className="font-mono text-xs text-slate-600 dark:text-slate-300">{op.operationId}</code>}
              {op.summary && <span className="text-slate-600 dark:text-slate-400">{op.summary}</span>}
            </p>
            {op.messages.map((m) => (
              <details key={m.name} className="group rounded border border-slate-200 dark:border-slate-800">
                <summary className="flex cursor-pointer list-none items-center gap-2 px-3 py-1.5 text-sm hover:bg-slate-50 dark:hover:bg-slate-800/50 [&::-webkit-details-marker]:hidden">
                  <span className="text-slate-400 transition-transform group-open:rotate-90" aria-hidden>
                    ▸
                  </span>
                  <span className="font-medium">{m.name}</span>
                  {m.title && <span className="text-slate-500 dark:text-slate-400">{m.title}</span>}
                  {m.contentType && <code className="ml-auto font-mono text-xs text-slate-500 dark:text-slate-400">{m.contentType}</code>}
                </summary>
                <div className="space-y-2 border-t border-slate-200 px-3 py-2 dark:border-slate-800">
                  {m.summary && <p className="whitespace-pre-line text-sm text-slate-700 dark:text-slate-300">{m.summary}</p>}
                  <h4 className="text-xs font-semibold uppercase tracking-wide text-slate-500 dark:text-slate-400">Payload</h4>
                  <SchemaView schema={m.payload} />
                </div>
              </details>
            ))}
          </div>
        ))}
      </div>
    </section>
  );
}

export function AsyncApiView({ outline }: { outline: AsyncApiOutline }) {
  return (
    <div className="space-y-4">
      <div>
        <h2 className="text-lg font-semibold">
          {outline.title}{' '}
          {outline.version && <span className="text-sm font-normal text-slate-500 dark:text-slate-400">v{outline.version}</span>}
        </h2>
        {outline.description && (
          <p className="mt-1 whitespace-pre-line text-sm text-slate-700 dark:text-slate-300">{outline.description}</p>
        )}
        {outline.servers.length > 0 && (
          <ul className="mt-2 flex flex-wrap gap-2 text-xs">
            {outline.servers.map((s) => (
              <li key={s.name} className="rounded bg-slate-100 px-2 py-0.5 dark:bg-slate-800">
                <span className="font-semibold">{s.name}</span> <code className="font-mono">{s.url}</code>{' '}
                {s.protocol && <span className="text-slate-600 dark:text-slate-400">({s.protocol})</span>}
              </li>
            ))}
          </ul>
        )}
      </div>
      {outline.channels.map((c) => (
        <ChannelView key={c.name} channel={c} />
      ))}
    </div>
  );
}
