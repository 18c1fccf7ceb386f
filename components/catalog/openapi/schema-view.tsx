import { schemaType, type Schema } from './openapi-model';

const isObj = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** Properties of an object schema (or of an array's items), nested objects expandable. */
export function SchemaView({ schema, depth = 0 }: { schema: Schema | undefined; depth?: number }) {
  if (!schema) return <p className="text-xs text-slate-500 dark:text-slate-400">No schema.</p>;
  const target = isObj(schema.items) ? (schema.items as Schema) : schema;
  const props = isObj(target.properties) ? (target.properties as Record<string, Schema>) : null;
  const composed = (target.allOf ?? target.oneOf ?? target.anyOf) as Schema[] | undefined;
  if (!props && Array.isArray(composed) && depth < 6) {
    return (
      <div className="space-y-2">
        <p className="text-xs text-slate-500 dark:text-slate-400">{target.allOf ? 'All of' : 'One of'}:</p>
        {composed.map((s, i) => (
          <div key={i} className="border-l-2 border-slate-200 pl-3 dark:border-slate-700">
            <SchemaView schema={s} depth={depth + 1} />
          </div>
        ))}
      </div>
    );
  }
  if (!props) {
    return (
      <p className="font-mono text-xs text-slate-700 dark:text-slate-300">
        {schemaType(schema)}
        {typeof schema.description === 'string' && (
          <span className="ml-2 font-sans text-slate-500 dark:text-slate-400">{schema.description}</span>
        )}
      </p>
    );
  }
  const required = new Set(Array.isArray(target.required) ? target.required.map(String) : []);
  return (
    <ul className="divide-y divide-slate-100 rounded-md border border-slate-200 text-sm dark:divide-slate-800 dark:border-slate-800">
      {Object.entries(props).map(([name, prop]) => {
        const nested = isObj(prop) && (isObj(prop.properties) || (isObj(prop.items) && isObj((prop.items as Schema).properties)));
        const line = (
          <span className="flex flex-wrap items-baseline gap-x-2 gap-y-0.5">
            <code className="font-mono text-[13px] font-semibold text-slate-900 dark:text-slate-100">{name}</code>
            <code className="font-mono text-xs text-violet-700 dark:text-violet-300">{schemaType(prop)}</code>
            {required.has(name) && (
              <span className="text-[10px] font-semibold uppercase tracking-wide text-red-600 dark:text-red-400">required</span>
            )}
            {isObj(prop) && typeof prop.description === 'string' && (
              <span className="text-xs text-slate-500 dark:text-slate-400">{prop.description}</span>
            )}
          </span>
        );
        return (
          <li key={name} className="px-3 py-1.5">
            {nested && depth < 6 ? (
              <details>
                <summary className="cursor-pointer list-none marker:hidden [&::-webkit-details-marker]:hidden">
                  <span className="mr-1 inline-block text-slate-500 dark:text-slate-400">▸</span>
                  {line}
                </summary>
                <div className="mt-2 ml-4">
                  <SchemaView schema={prop} depth={depth + 1} />
                </div>
              </details>
            ) : (
              line
            )}
          </li>
        );
      })}
    </ul>
  );
}
