import Link from 'next/link';
import { FieldList } from '@/components/scaffolder/reference-parts';
import { Card } from '@/components/ui/card';
import { MiniMarkdown } from '@/components/ui/mini-markdown';
import type { ExtensionExample, GlobalFunctionDoc, JsonType } from '@/lib/scaffolder/model/templating-extensions';

/** The try box filled with an example: its expression and parameters in the address. */
export function tryHref(e: ExtensionExample): string {
  const q = new URLSearchParams({ expression: e.expression, parameters: JSON.stringify(e.parameters ?? {}) });
  return `/create/templating-extensions?${q}#try`;
}

const json = (v: unknown) => JSON.stringify(v, null, 1).replace(/\n\s*/g, ' ');

/** A filter's or a global function's documentation (a function takes no piped input). */
export type ExtensionDoc = Pick<GlobalFunctionDoc, 'description' | 'arguments' | 'output' | 'examples'> & { input?: JsonType };

/** `canTry`: the page has the try box (whoever may run templates), which each example's Try it fills. */
export function ExtensionCard({ name, signature, doc, canTry }: { name: string; signature: string; doc: ExtensionDoc; canTry: boolean }) {
  const { description, arguments: args, examples } = doc;
  return (
    <div id={name} className="scroll-mt-20">
      <Card title={<code>{name}</code>}>
        <code className="block text-sm text-slate-800 [overflow-wrap:anywhere] dark:text-slate-200">{signature}</code>
        <div className="mt-2 text-sm text-slate-700 dark:text-slate-300">
          <MiniMarkdown text={description} />
        </div>
        <p className="mt-2 text-xs text-slate-500 dark:text-slate-400">
          {doc.input && (
            <>
              Takes <code>{doc.input}</code>,{' '}
            </>
          )}
          gives <code>{doc.output}</code>
        </p>
        {args.length > 0 && (
          <div className="mt-3">
            <FieldList
              title="Arguments"
              fields={args.map((a) => ({ name: a.name, type: a.type, required: !a.optional, description: a.description }))}
            />
          </div>
        )}
        <h3 className="mt-4 text-xs font-semibold uppercase tracking-wide text-slate-500 dark:text-slate-400">
          {examples.length > 1 ? 'Examples' : 'Example'}
        </h3>
        <ul className="mt-1 space-y-3">
          {examples.map((e) => (
            <li key={e.expression} className="min-w-0 rounded-md bg-slate-50 p-3 text-sm dark:bg-slate-950">
              {e.description && <p className="mb-1 text-slate-600 dark:text-slate-300">{e.description}</p>}
              <code className="block whitespace-pre-wrap text-slate-900 [overflow-wrap:anywhere] dark:text-slate-100">{e.expression}</code>
              {e.parameters && (
                <p className="mt-1 text-xs text-slate-600 [overflow-wrap:anywhere] dark:text-slate-300">
                  parameters <code className="whitespace-pre-wrap">{json(e.parameters)}</code>
                </p>
              )}
              <p className="mt-1 text-xs text-slate-600 [overflow-wrap:anywhere] dark:text-slate-300">
                gives <code className="whitespace-pre-wrap text-slate-900 dark:text-slate-100">{json(e.output)}</code>
              </p>
              {canTry && (
                <Link href={tryHref(e)} className="mt-1 inline-block text-xs" aria-label={`Try it: ${e.expression}`}>
                  Try it
                </Link>
              )}
            </li>
          ))}
        </ul>
      </Card>
    </div>
  );
}
