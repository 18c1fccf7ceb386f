/** The message without the ` at file:line:column` suffix, for lists that show the position already. */
export function messageWithoutPosition(e: { message: string; file: string; line: number; column: number }): string {
  const suffix = ` at ${e.file}:${e.line}:${e.column}`;
  return e.message.endsWith(suffix) ? e.message.slice(0, -suffix.length) : e.message;
}
