// A render-ready outline of a Protocol Buffers (.proto) definition: services with their methods,
// messages with their fields (nested messages and enums flattened with dotted names), enums, each
// with the comment written above it. A small tokenizer, not a full protoc: what a reader needs.

export type ProtoField = {
  name: string;
  type: string;
  number: string;
  label?: 'repeated' | 'optional' | 'map';
  oneof?: string;
  doc?: string;
};
export type ProtoMessage = { name: string; doc?: string; fields: ProtoField[] };
export type ProtoEnum = { name: string; doc?: string; values: { name: string; number: string; doc?: string }[] };
export type ProtoMethod = {
  name: string;
  request: string;
  response: string;
  clientStreaming: boolean;
  serverStreaming: boolean;
  doc?: string;
};
export type ProtoService = { name: string; doc?: string; methods: ProtoMethod[] };
export type ProtoOutline = { package?: string; services: ProtoService[]; messages: ProtoMessage[]; enums: ProtoEnum[] };

type Token = { text: string; doc?: string };

const MAX_CHARS = 1_000_000;

/**
 * Words, strings and punctuation; a `//` comment block becomes the doc of the next token. A block
 * comment left open runs to the end of the file, as in protoc, and a quote right after a backslash
 * starts no string: otherwise each `/*` in an open comment, and each quote in an open string (where
 * every quote follows a backslash), started a scan to the end, in time the square of the length.
 */
function tokenize(source: string): Token[] {
  const tokens: Token[] = [];
  let doc: string[] = [];
  const re =
    /\/\/([^\n]*)|\/\*[\s\S]*?(?:\*\/|$)|(?<!\\)"(?:[^"\\]|\\.)*"|(?<!\\)'(?:[^'\\]|\\.)*'|[A-Za-z_][\w.]*|-?\d[\w.]*|[{}()<>;=,[\]]|\n\s*\n|\S/g;
  for (const m of source.matchAll(re)) {
    if (m[1] !== undefined) doc.push(m[1].trim());
    else if (m[0].startsWith('/*')) continue;
    else if (/^\n\s*\n$/.test(m[0])) doc = [];
    else {
      tokens.push({ text: m[0], doc: doc.length ? doc.join(' ') : undefined });
      doc = [];
    }
  }
  return tokens;
}

export function parseProto(source: string): { outline: ProtoOutline } | { error: string } {
  if (source.length > MAX_CHARS) return { error: 'The definition is too large to render as a reference.' };
  const t = tokenize(source);
  let i = 0;
  const outline: ProtoOutline = { services: [], messages: [], enums: [] };
  const peek = () => t[i]?.text;
  const next = () => t[i++];
  /** Skips a statement up to its `;`, or a `{ … }` block. */
  const skipStatement = () => {
    let depth = 0;
    while (i < t.length) {
      const s = next().text;
      if (s === '{') depth++;
      else if (s === '}' && --depth <= 0) return;
      else if (s === ';' && depth === 0) return;
    }
  };

  const parseEnum = (prefix: string, doc?: string) => {
    const name = prefix + next().text;
    const e: ProtoEnum = { name, doc, values: [] };
    next(); // {
    while (i < t.length && peek() !== '}') {
      const tok = next();
      if (tok.text === 'option' || tok.text === 'reserved') {
        i--;
        skipStatement();
        continue;
      }
      if (peek() === '=') {
        next();
        e.values.push({ name: tok.text, number: next().text, doc: tok.doc });
        i--;
        skipStatement();
      }
    }
    next(); // }
    outline.enums.push(e);
  };

  const parseMessage = (prefix: string, doc?: string) => {
    const name = prefix + next().text;
    const msg: ProtoMessage = { name, doc, fields: [] };
    outline.messages.push(msg);
    next(); // {
    let oneof: string | undefined;
    let oneofDepth = 0;
    while (i < t.length) {
      const tok = t[i];
      if (tok.text === '}') {
        next();
        if (oneofDepth) {
          oneofDepth = 0;
          oneof = undefined;
          continue;
        }
        return;
      }
      if (tok.text === 'message') {
        next();
        parseMessage(`${name}.`, tok.doc);
      } else if (tok.text === 'enum') {
        next();
        parseEnum(`${name}.`, tok.doc);
      } else if (tok.text === 'oneof') {
        next();
        oneof = next().text;
        next(); // {
        oneofDepth = 1;
      } else if (['option', 'reserved', 'extensions', 'extend', ';'].includes(tok.text)) {
        skipStatement();
      } else {
        // [label] type name = number [options];
        next();
        let label: ProtoField['label'];
        let type = tok.text;
        if (type === 'repeated' || type === 'optional' || type === 'required') {
          label = type === 'required' ? undefined : type;
          type = next().text;
        }
        if (type === 'map') {
          const parts: string[] = [];
          while (i < t.length && peek() !== '>') parts.push(next().text);
          next(); // >
          type = `map${parts.join('').replace(',', ', ')}>`;
          label = 'map';
        }
        const fieldName = next()?.text ?? '';
        if (peek() === '=') {
          next();
          msg.fields.push({ name: fieldName, type, number: next().text, label, oneof, doc: tok.doc });
        }
        i--;
        skipStatement();
      }
    }
  };

  const parseService = (doc?: string) => {
    const svc: ProtoService = { name: next().text, doc, methods: [] };
    next(); // {
    while (i < t.length && peek() !== '}') {
      const tok = next();
      if (tok.text !== 'rpc') {
        i--;
        skipStatement();
        continue;
      }
      const name = next().text;
      next(); // (
      const clientStreaming = peek() === 'stream' && Boolean(next());
      const request = next().text;
      next(); // )
      next(); // returns
      next(); // (
      const serverStreaming = peek() === 'stream' && Boolean(next());
      const response = next().text;
      next(); // )
      svc.methods.push({ name, request, response, clientStreaming, serverStreaming, doc: tok.doc });
      skipStatement();
    }
    next(); // }
    outline.services.push(svc);
  };

  try {
    while (i < t.length) {
      const tok = next();
      if (tok.text === 'package') {
        outline.package = next().text;
        skipStatement();
      } else if (tok.text === 'service') parseService(tok.doc);
      else if (tok.text === 'message') parseMessage('', tok.doc);
      else if (tok.text === 'enum') parseEnum('', tok.doc);
      else if (tok.text !== ';') {
        i--;
        skipStatement();
      }
    }
  } catch {
    // A token list that ends in the middle of a declaration.
    return { error: 'The .proto definition ends in the middle of a declaration.' };
  }
  if (!outline.services.length && !outline.messages.length && !outline.enums.length)
    return { error: 'The definition has no service, message or enum: it does not look like a .proto file.' };
  return { outline };
}
