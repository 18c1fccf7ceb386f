import 'server-only';
import { stringify } from 'yaml';
import { z } from 'zod';
import type { Actor } from '@/lib/auth/permissions';
import { AppError } from '@/lib/errors';
import {
  TEMPLATE_FILTERS,
  TEMPLATE_GLOBAL_FUNCTIONS,
  type ExtensionArgument,
  type ExtensionExample,
  type JsonType,
} from './model/templating-extensions';
import { userContext } from './queries';
import { Templater, TemplateError } from './sandbox/templater';

// Backstage's ListTemplatingExtensionsResponse (GET /v2/templating-extensions): each filter and
// global function with a JSON Schema of what it takes and gives, and examples written as Backstage
// writes them (a debug:log step, then notes with the input and output). No global values are installed.

type JsonSchema = { type?: Exclude<JsonType, 'any'>; title?: string; description?: string };
type UsageExample = { description?: string; example: string; notes?: string };

export type TemplatingExtensions = {
  filters: Record<
    string,
    { description: string; schema: { input: JsonSchema; arguments: JsonSchema[]; output: JsonSchema }; examples: UsageExample[] }
  >;
  globals: {
    functions: Record<string, { description: string; schema: { arguments: JsonSchema[]; output: JsonSchema }; examples: UsageExample[] }>;
    values: Record<string, { description?: string; value: unknown }>;
  };
};

const schemaOf = (type: JsonType): JsonSchema => (type === 'any' ? {} : { type });

const argumentSchema = (a: ExtensionArgument): JsonSchema => ({
  ...schemaOf(a.type),
  title: a.name,
  ...(a.description || a.optional ? { description: [a.optional ? 'optional' : '', a.description].filter(Boolean).join(': ') } : {}),
});

function usageExample(name: string, e: ExtensionExample): UsageExample {
  const step = [{ id: 'log', name: e.description || name, action: 'debug:log', input: { message: e.expression } }];
  const notes = [
    ...(e.parameters ? [`- **Parameters**: \`${JSON.stringify(e.parameters)}\``] : []),
    `- **Output**: \`${JSON.stringify(e.output)}\``,
  ];
  return { ...(e.description ? { description: e.description } : {}), example: stringify(step, { lineWidth: 0 }), notes: notes.join('\n') };
}

let listed: TemplatingExtensions | undefined;

export function listTemplatingExtensions(): TemplatingExtensions {
  listed ??= {
    filters: Object.fromEntries(
      Object.entries(TEMPLATE_FILTERS).map(([name, f]) => [
        name,
        {
          description: f.description,
          schema: { input: schemaOf(f.input), arguments: f.arguments.map(argumentSchema), output: schemaOf(f.output) },
          examples: f.examples.map((e) => usageExample(name, e)),
        },
      ]),
    ),
    globals: {
      functions: Object.fromEntries(
        Object.entries(TEMPLATE_GLOBAL_FUNCTIONS).map(([name, f]) => [
          name,
          {
            description: f.description,
            schema: { arguments: f.arguments.map(argumentSchema), output: schemaOf(f.output) },
            examples: f.examples.map((e) => usageExample(name, e)),
          },
        ]),
      ),
      values: {},
    },
  };
  return listed;
}

/** The try box's limits: an expression as long as a step input's, parameters as a form's answers. */
export const tryExpressionSchema = z.object({
  // Not trimmed: text around an expression (a block scalar's newline) makes a step input text, and
  // the box renders what was written.
  expression: z
    .string()
    .max(10_000, 'An expression to try may have at most 10,000 characters.')
    .refine((e) => e.trim() !== '', 'Write an expression to try.'),
  parameters: z.string().max(100_000, 'The parameters may have at most 100,000 characters of JSON.'),
});

/** A render takes at most this long (the sandbox's own per-render limit is 2 s). */
const TRY_BUDGET_MS = 2_000;

export type TriedExpression = { json: string | null };

/**
 * Renders one expression in a new sandbox as a step's input is rendered (Backstage 4.3's JSON
 * coercion), with the given parameters and the person who asks as `user`: what a run of a template
 * would give. `json` is the value as JSON, null when it renders to no value.
 */
export async function tryExpression(actor: Actor, input: z.infer<typeof tryExpressionSchema>): Promise<TriedExpression> {
  let parameters: unknown = {};
  if (input.parameters.trim()) {
    try {
      parameters = JSON.parse(input.parameters);
    } catch (err) {
      throw new AppError(
        'BAD_REQUEST',
        `The parameters are not JSON (${(err as Error).message}): write an object such as {"name": "payments"}.`,
      );
    }
  }
  if (!parameters || typeof parameters !== 'object' || Array.isArray(parameters))
    throw new AppError('BAD_REQUEST', 'The parameters must be a JSON object, such as {"name": "payments"}.');
  const templater = await Templater.create({ totalMs: TRY_BUDGET_MS });
  try {
    const user = await userContext(actor.userRef ?? null);
    const value = templater.renderValue(input.expression, { parameters, steps: {}, user, secrets: {} }, { coercion: 'json' });
    return { json: value === undefined ? null : JSON.stringify(value, null, 2) };
  } catch (err) {
    if (err instanceof TemplateError) throw new AppError('BAD_REQUEST', `The expression failed: ${err.message.replace(/^Error: /, '')}`);
    throw err;
  } finally {
    templater.dispose();
  }
}
