import { z } from 'zod';

// A finished task's `output` as its page shows it. The output is what the template rendered (any
// JSON: a `${{ }}` may give a number, an object or a list), stored and served by the API as it is;
// the page takes the links and text it can show and leaves the rest, instead of failing to render.

const text = z.union([z.string(), z.number(), z.boolean()]).transform(String).optional().catch(undefined);
const link = z.object({ title: text, url: text, entityRef: text }).catch({});
const block = z.object({ title: text, content: z.unknown().optional() }).catch({});

const schema = z.object({ links: z.array(link).optional().catch(undefined), text: z.array(block).optional().catch(undefined) }).catch({});

export type ShownOutput = z.infer<typeof schema>;

export function shownOutput(output: unknown): ShownOutput {
  return schema.parse(output ?? {});
}
