// A render-ready outline of a GraphQL schema (SDL): queries, mutations and subscriptions (the
// fields of the root types), then every other type with its fields, arguments and descriptions.
// A small reader of the type-system language, not a validating GraphQL parser.

export type GqlArg = { name: string; type: string; defaultValue?: string };
export type GqlField = { name: string; type: string; args: GqlArg[]; description?: string; deprecated?: string };
export type GqlType = {
  kind: 'type' | 'interface' | 'input' | 'enum' | 'scalar' | 'union';
  name: string;
  description?: string;
  fields: GqlField[];
  values: string[];
  members: string[];
};
export type GraphQlOutline = {
  description?: string;
  operations: { root: 'Query' | 'Mutation' | 'Subscription'; fields: GqlField[] }[];
  types: GqlType[];
};

const MAX_CHARS = 1_000_000;
const KINDS = new Set(['type', 'interface', 'input', 'enum', 'scalar', 'union']);

/**
 * Names, strings (block strings kept whole), punctuation; comments dropped. A quote right after a
 * backslash starts no string: in a string left open every quote is one, and each started a scan to
 * the end of the line, which took time in the square of the line's length.
 */
function tokenize(source: string): string[] {
  const re = /"""[\s\S]*?"""|(?<!\\)"(?:[^"\\\n]|\\.)*"|#[^\n]*|[_A-Za-z][_0-9A-Za-z]*|-?\d[\d.eE+-]*|\.\.\.|[!$()[\]{}:=@|&]/g;
  return [...source.matchAll(re)].map((m) => m[0]).filter((s) => !s.startsWith('#'));
}

const unquote = (s: string) => (s.startsWith('"""') ? s.slice(3, -3) : (JSON.parse(s) as string)).replace(/\n\s+/g, '\n').trim();

export function parseGraphQl(source: string): { outline: GraphQlOutline } | { error: string } {
  if (source.length > MAX_CHARS) return { error: 'The definition is too large to render as a reference.' };
  // A block string opening the file is read as the file's header, describing the whole schema
  // (the common convention), rather than as the description of the first definition.
  const head = /^\s*("""[\s\S]*?""")/.exec(source);
  const t = tokenize(head ? source.slice(head[0].length) : source);
  let i = 0;
  const peek = () => t[i];
  const next = () => t[i++];
  const roots: Record<string, 'Query' | 'Mutation' | 'Subscription'> = {
    Query: 'Query',
    Mutation: 'Mutation',
    Subscription: 'Subscription',
  };
  const types = new Map<string, GqlType>();
  let schemaDescription = head ? unquote(head[1]) : undefined;

  /** A type reference: Name, [Type], with ! anywhere. */
  const typeRef = (): string => {
    if (peek() === '[') {
      next();
      const inner = typeRef();
      next(); // ]
      return `[${inner}]${peek() === '!' ? next() : ''}`;
    }
    return `${next()}${peek() === '!' ? next() : ''}`;
  };
  /** Skips `@directive(args)` lists, returning a @deprecated reason if there is one. */
  const directives = (): string | undefined => {
    let deprecated: string | undefined;
    while (peek() === '@') {
      next();
      const name = next();
      if (peek() === '(') {
        let depth = 0;
        do {
          const s = next();
          if (s === '(') depth++;
          else if (s === ')') depth--;
          else if (name === 'deprecated' && s?.startsWith('"')) deprecated = unquote(s);
        } while (depth > 0 && i < t.length);
      }
      if (name === 'deprecated') deprecated ??= 'deprecated';
    }
    return deprecated;
  };
  const value = (): string => {
    const s = next();
    if (s !== '[' && s !== '{') return s;
    const close = s === '[' ? ']' : '}';
    const parts = [s];
    while (i < t.length && peek() !== close) parts.push(value());
    parts.push(next());
    return parts.join(' ');
  };
  const fields = (): GqlField[] => {
    const out: GqlField[] = [];
    next(); // {
    while (i < t.length && peek() !== '}') {
      const description = peek()?.startsWith('"') ? unquote(next()) : undefined;
      const name = next();
      const args: GqlArg[] = [];
      if (peek() === '(') {
        next();
        while (i < t.length && peek() !== ')') {
          if (peek()?.startsWith('"')) next();
          const argName = next();
          next(); // :
          const type = typeRef();
          const defaultValue = peek() === '=' ? (next(), value()) : undefined;
          directives();
          args.push({ name: argName, type, defaultValue });
        }
        next(); // )
      }
      next(); // :
      const type = typeRef();
      out.push({ name, type, args, description, deprecated: directives() });
    }
    next(); // }
    return out;
  };

  try {
    while (i < t.length) {
      let description = peek()?.startsWith('"') ? unquote(next()) : undefined;
      let word = next();
      const extend = word === 'extend';
      if (extend) word = next();
      if (word === 'schema') {
        schemaDescription ??= description;
        description = undefined;
        directives();
        next(); // {
        while (i < t.length && peek() !== '}') {
          const op = next();
          next(); // :
          const name = next();
          if (op === 'query') roots[name] = 'Query';
          if (op === 'mutation') roots[name] = 'Mutation';
          if (op === 'subscription') roots[name] = 'Subscription';
        }
        next();
        continue;
      }
      if (!KINDS.has(word)) {
        // A top-level description with no definition after it describes the schema.
        if (description && !schemaDescription) schemaDescription = description;
        if (word === 'directive') while (i < t.length && peek() !== 'on') next();
        continue;
      }
      const kind = word as GqlType['kind'];
      const name = next();
      const type: GqlType = types.get(name) ?? { kind, name, description, fields: [], values: [], members: [] };
      types.set(name, type);
      if (peek() === 'implements') {
        next();
        while (i < t.length && peek() !== '{' && peek() !== '@') next();
      }
      directives();
      if (kind === 'union' && peek() === '=') {
        next();
        while (i < t.length && (peek() === '|' || t[i - 1] === '=' || t[i - 1] === '|')) {
          const s = next();
          if (s !== '|') type.members.push(s);
        }
      } else if (peek() === '{') {
        if (kind === 'enum') {
          next();
          while (i < t.length && peek() !== '}') {
            if (peek()?.startsWith('"')) next();
            type.values.push(next());
            directives();
          }
          next();
        } else type.fields.push(...fields());
      }
    }
  } catch {
    return { error: 'The GraphQL schema ends in the middle of a definition.' };
  }
  if (types.size === 0) return { error: 'The definition has no type definitions: it does not look like a GraphQL schema.' };
  const operations = Object.entries(roots)
    .map(([typeName, root]) => ({ root, fields: types.get(typeName)?.fields ?? [] }))
    .filter((o) => o.fields.length > 0);
  const rootNames = new Set(Object.keys(roots).filter((n) => types.get(n)?.fields.length));
  return { outline: { description: schemaDescription, operations, types: [...types.values()].filter((x) => !rootNames.has(x.name)) } };
}
