import { FAILSAFE_SCHEMA, load, Type } from 'js-yaml';

// js-yaml with the YAML 1.2 core schema's scalars resolved exactly as the `yaml` package resolves
// them (js-yaml's own core schema also reads `0b1`, `+0x1F` as numbers and `-.5` as a string),
// so the fast path of parse-descriptor yields the same values as the full one.
// https://yaml.org/spec/1.2.2/#1032-tag-resolution

const scalar = (tag: string, pattern: RegExp, construct: (s: string) => unknown) =>
  new Type(`tag:yaml.org,2002:${tag}`, {
    kind: 'scalar',
    resolve: (s: string | null) => pattern.test(s ?? ''),
    construct: (s: string | null) => construct(s ?? ''),
  });

const CORE_SCALARS = FAILSAFE_SCHEMA.extend({
  implicit: [
    scalar('null', /^(?:~|[Nn]ull|NULL)?$/, () => null),
    scalar('bool', /^(?:[Tt]rue|TRUE|[Ff]alse|FALSE)$/, (s) => s[0] === 't' || s[0] === 'T'),
    scalar('int', /^(?:[-+]?[0-9]+|0o[0-7]+|0x[0-9a-fA-F]+)$/, (s) =>
      s.startsWith('0o') ? parseInt(s.slice(2), 8) : s.startsWith('0x') ? parseInt(s.slice(2), 16) : Number(s),
    ),
    scalar('float', /^(?:[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)(?:[eE][-+]?[0-9]+)?|[-+]?\.(?:inf|Inf|INF)|\.(?:nan|NaN|NAN))$/, (s) =>
      /inf$/i.test(s) ? (s[0] === '-' ? -Infinity : Infinity) : /nan$/i.test(s) ? NaN : parseFloat(s),
    ),
  ],
});

/** One YAML document to plain JS (throws on any syntax error, tag or duplicate key). */
export function loadPlainYaml(text: string): unknown {
  return load(text, { schema: CORE_SCALARS });
}
