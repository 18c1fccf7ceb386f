import { CodeBlock, type CodeLanguage } from '@/components/catalog/code-block';
import { parseOpenApi } from '@/components/catalog/openapi/openapi-model';
import { OpenApiView } from '@/components/catalog/openapi/openapi-view';
import { EmptyState } from '@/components/ui/empty-state';

function languageOf(type: string, definition: string): CodeLanguage {
  switch (type) {
    case 'graphql':
      return 'graphql';
    case 'grpc':
      return 'proto';
    default:
      return definition.trimStart().startsWith('{') ? 'json' : 'yaml';
  }
}

/** An API's definition: an interactive reference for OpenAPI, highlighted source for the others. */
export async function DefinitionTab({ type, definition, view }: { type: string; definition: unknown; view: 'reference' | 'source' }) {
  if (typeof definition !== 'string' || definition.trim() === '') {
    return <EmptyState title="No definition">This API has no <code className="font-mono">spec.definition</code>.</EmptyState>;
  }
  const lang = languageOf(type.toLowerCase(), definition);
  if (type.toLowerCase() === 'openapi' && view === 'reference') {
    const parsed = parseOpenApi(definition);
    if ('outline' in parsed) return <OpenApiView outline={parsed.outline} />;
    return (
      <div className="space-y-4">
        <p className="rounded-md border border-amber-200 bg-amber-50 p-3 text-sm text-amber-800 dark:border-amber-900 dark:bg-amber-950/40 dark:text-amber-200">{parsed.error} Showing the source instead.</p>
        <CodeBlock code={definition} lang={lang} />
      </div>
    );
  }
  return <CodeBlock code={definition} lang={lang} maxHeight="75vh" />;
}
