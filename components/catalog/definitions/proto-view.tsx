import type { ProtoOutline } from './proto-model';

// A gRPC reference from a .proto file: services and their methods (request and response link to the
// message below), then messages with their fields, then enums. Server-rendered, no JavaScript.

const anchor = (name: string) => `msg-${name.replace(/[^\w.-]/g, '-')}`;

function Section({ label, children }: { label: string; children: React.ReactNode }) {
  return (
    <section aria-label={label} className="space-y-3">
      <h2 className="text-xs font-semibold uppercase tracking-wide text-slate-500 dark:text-slate-400">{label}</h2>
      {children}
    </section>
  );
}

function TypeRef({ type, known }: { type: string; known: Set<string> }) {
  return known.has(type) ? (
    <a href={`#${anchor(type)}`} className="font-mono underline decoration-dotted underline-offset-2">
      {type}
    </a>
  ) : (
    <span className="font-mono text-violet-700 dark:text-violet-300">{type}</span>
  );
}

export function ProtoView({ outline }: { outline: ProtoOutline }) {
  const known = new Set([...outline.messages.map((m) => m.name), ...outline.enums.map((e) => e.name)]);
  return (
    <div className="space-y-6">
      {outline.package && (
        <p className="text-sm text-slate-600 dark:text-slate-400">
          Package <code className="font-mono">{outline.package}</code>
        </p>
      )}
      {outline.services.map((s) => (
        <section
          key={s.name}
          aria-label={`Service ${s.name}`}
          className="rounded-md border border-slate-200 bg-white dark:border-slate-800 dark:bg-slate-900"
        >
          <header className="border-b border-slate-200 px-4 py-2 dark:border-slate-800">
            <h2 className="font-mono text-sm font-semibold">service {s.name}</h2>
            {s.doc && <p className="mt-0.5 text-sm text-slate-600 dark:text-slate-400">{s.doc}</p>}
          </header>
          <ul className="divide-y divide-slate-100 dark:divide-slate-800">
            {s.methods.map((m) => (
              <li key={m.name} className="px-4 py-2 text-sm">
                <p className="flex flex-wrap items-baseline gap-x-1.5 font-mono">
                  <span className="font-semibold">{m.name}</span>(<span>{m.clientStreaming && 'stream '}</span>
                  <TypeRef type={m.request} known={known} />) → (<span>{m.serverStreaming && 'stream '}</span>
                  <TypeRef type={m.response} known={known} />)
                </p>
                {m.doc && <p className="mt-0.5 text-slate-600 dark:text-slate-400">{m.doc}</p>}
              </li>
            ))}
          </ul>
        </section>
      ))}
      {outline.messages.length > 0 && (
        <Section label="Messages">
          {outline.messages.map((m) => (
            <div
              key={m.name}
              id={anchor(m.name)}
              className="scroll-mt-20 rounded-md border border-slate-200 bg-white dark:border-slate-800 dark:bg-slate-900"
            >
              <p className="border-b border-slate-200 px-4 py-1.5 font-mono text-sm font-semibold dark:border-slate-800">
                {m.name}
                {m.doc && <span className="ml-2 font-sans font-normal text-slate-500 dark:text-slate-400">{m.doc}</span>}
              </p>
              <ul className="divide-y divide-slate-100 text-sm dark:divide-slate-800">
                {m.fields.map((f) => (
                  <li key={f.name} className="flex flex-wrap items-baseline gap-x-2 px-4 py-1">
                    <code className="font-mono font-semibold">{f.name}</code>
                    <span className="text-xs">
                      {f.label === 'repeated' && 'repeated '}
                      {f.label === 'optional' && 'optional '}
                      <TypeRef type={f.type} known={known} />
                    </span>
                    <span className="text-xs text-slate-500 dark:text-slate-400">= {f.number}</span>
                    {f.oneof && <span className="text-xs text-slate-500 dark:text-slate-400">one of {f.oneof}</span>}
                    {f.doc && <span className="text-xs text-slate-500 dark:text-slate-400">{f.doc}</span>}
                  </li>
                ))}
                {m.fields.length === 0 && <li className="px-4 py-1 text-xs text-slate-500 dark:text-slate-400">No fields.</li>}
              </ul>
            </div>
          ))}
        </Section>
      )}
      {outline.enums.length > 0 && (
        <Section label="Enums">
          {outline.enums.map((e) => (
            <div
              key={e.name}
              id={anchor(e.name)}
              className="scroll-mt-20 rounded-md border border-slate-200 bg-white px-4 py-2 text-sm dark:border-slate-800 dark:bg-slate-900"
            >
              <p className="font-mono font-semibold">{e.name}</p>
              <p className="mt-1 flex flex-wrap gap-x-3 font-mono text-xs text-slate-600 dark:text-slate-300">
                {e.values.map((v) => (
                  <span key={v.name}>
                    {v.name} = {v.number}
                  </span>
                ))}
              </p>
            </div>
          ))}
        </Section>
      )}
    </div>
  );
}
