import { CodeBlock, type CodeLanguage } from '@/components/catalog/code-block';
import { parseOpenApi } from '@/components/catalog/openapi/openapi-model';
import { OpenApiView } from '@/components/catalog/openapi/openapi-view';
import { EmptyState } from '@/components/ui/empty-state';
import { parseAsyncApi } from '@/components/catalog/definitions/asyncapi-model';
import { AsyncApiView } from '@/components/catalog/definitions/asyncapi-view';
import { parseGraphQl } from '@/components/catalog/definitions/graphql-model';
import { GraphQlView } from '@/components/catalog/definitions/graphql-view';
import { parseProto } from '@/components/catalog/definitions/proto-model';
import { ProtoView } from '@/components/catalog/definitions/proto-view';

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

type Reference = { outline: unknown } | { error: string };

/** Each definition type rendered as a reference: its parser, and the view of what it outlines. */
const REFERENCES: Record<string, { parse: (source: string) => Reference; View: (props: { outline: never }) => React.ReactNode }> = {
  openapi: { parse: parseOpenApi, View: OpenApiView },
  asyncapi: { parse: parseAsyncApi, View: AsyncApiView },
  graphql: { parse: parseGraphQl, View: GraphQlView },
  grpc: { parse: parseProto, View: ProtoView },
};

/** The definition types rendered as a reference (the others as highlighted source only). */
export const REFERENCE_TYPES = Object.keys(REFERENCES);

/** A reference or the failure that says why the source is shown instead. */
function referenceOf(type: string, definition: string): { view: React.ReactNode } | { error: string } | null {
  const reference = REFERENCES[type];
  if (!reference) return null;
  const parsed = reference.parse(definition);
  return 'outline' in parsed ? { view: <reference.View outline={parsed.outline as never} /> } : parsed;
}

/** An API's definition: a reference for OpenAPI, AsyncAPI, GraphQL and gRPC, highlighted source for the others. */
export async function DefinitionTab({ type, definition, view }: { type: string; definition: unknown; view: 'reference' | 'source' }) {
  if (typeof definition !== 'string' || definition.trim() === '') {
    return (
      <EmptyState title="No definition">
        This API has no <code className="font-mono">spec.definition</code>.
      </EmptyState>
    );
  }
  const lang = languageOf(type.toLowerCase(), definition);
  const reference = view === 'reference' ? referenceOf(type.toLowerCase(), definition) : null;
  if (reference && 'view' in reference) return reference.view;
  if (reference) {
    return (
      <div className="space-y-4">
        <p className="rounded-md border border-amber-200 bg-amber-50 p-3 text-sm text-amber-800 dark:border-amber-900 dark:bg-amber-950/40 dark:text-amber-200">
          {reference.error} Showing the source instead.
        </p>
        <CodeBlock code={definition} lang={lang} />
      </div>
    );
  }
  return <CodeBlock code={definition} lang={lang} maxHeight="75vh" />;
}
