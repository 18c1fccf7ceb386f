// Plain-language hints beside the yaml library's exact messages: the message says what the parser
// saw, the hint what a person most likely has to change. Matched on yaml's message text (the
// stored error keeps the message verbatim); https://eemeli.org/yaml/#errors lists the codes.

const HINTS: [RegExp, string][] = [
  [
    /Nested mappings are not allowed in compact mappings/,
    'A value contains a colon followed by a space (": "), which YAML reads as a new key. Put the value in quotes, e.g. description: "Note: …". Or a line is indented further than the key above it.',
  ],
  [
    /A block sequence may not be used as an implicit map key/,
    'A list item ("- …") is indented differently from the other items, or follows a key that already has a value. Line the items up under their key.',
  ],
  [/Implicit map keys need to be followed by map values/, 'A line has a key but no colon after it. Write "key: value".'],
  [
    /Implicit keys need to be on a single line/,
    'A line has no "key: value" colon, or is indented differently from the lines around it. Add the colon and line the keys up.',
  ],
  [
    /All mapping items must start at the same column/,
    'The keys of one mapping are indented by different amounts. Indent them by the same number of spaces.',
  ],
  [/Tabs are not allowed as indentation/, 'A line is indented with a tab. YAML allows only spaces for indentation.'],
  [/Map keys must be unique/, 'The same key appears twice in one mapping. Keep one of them.'],
  [/Missing closing "?quote|Missing closing '?quote/, 'A quoted value is opened and never closed. Close the quote on the same value.'],
  [
    /must be sufficiently indented and end with a [\]}]/,
    'A list in [ ] or a mapping in { } is not closed. Add the closing bracket, or write the items as "- item" lines.',
  ],
  [/Plain value cannot start with reserved character/, 'A value starts with a character YAML reserves (@ or `). Put the value in quotes.'],
  [
    /Unexpected (scalar|flow-map-end|flow-seq-end|map-value-ind)/,
    'Something stands where YAML expected the next key or item, often after a quoted value or at the wrong indentation. Check the line and the one before it.',
  ],
  [/Invalid escape sequence/, 'A backslash inside "double quotes" starts an escape. Write \\\\ for a backslash, or use single quotes.'],
];

/** A plain-language hint for a YAML error message, or null when it is not a yaml parser message. */
export function yamlHint(message: string): string | null {
  for (const [pattern, hint] of HINTS) if (pattern.test(message)) return hint;
  return null;
}
