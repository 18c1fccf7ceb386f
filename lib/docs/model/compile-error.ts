/** A page that cannot be compiled, with the position in its source file. */
export class DocsCompileError extends Error {
  constructor(
    readonly file: string,
    readonly line: number,
    readonly column: number,
    readonly reason: string,
  ) {
    super(`${reason} at ${file}:${line}:${column}`);
  }
}
