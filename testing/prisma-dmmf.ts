import fs from 'node:fs';
import path from 'node:path';

// The full DMMF (nullability, lists, native types, indexes) of a Prisma schema, computed by the
// schema engine Prisma's own CLI ships (prisma/build/prisma_schema_build_bg.wasm), so the schema
// test reads the schema exactly as `prisma generate` does, without @prisma/internals. The generated
// client's runtimeDataModel is not enough: it keeps only field names and types.

export type DmmfField = {
  name: string;
  dbName: string | null;
  kind: 'scalar' | 'object' | 'enum' | 'unsupported';
  type: string;
  isList: boolean;
  isRequired: boolean;
  isId: boolean;
  isUnique: boolean;
  nativeType: [string, string[]] | null;
  relationFromFields?: string[];
};
export type DmmfIndex = {
  model: string;
  type: 'id' | 'normal' | 'unique' | 'fulltext';
  isDefinedOnField: boolean;
  dbName: string | null;
  fields: { name: string }[];
};
export type DmmfModel = { name: string; dbName: string | null; fields: DmmfField[] };
export type Dmmf = { datamodel: { models: DmmfModel[]; indexes: DmmfIndex[] } };

export const SCHEMA_FILE = path.join(process.cwd(), 'prisma', 'schema.prisma');

type WasmExports = {
  memory: WebAssembly.Memory;
  get_dmmf(ptr: number, len: number): [number, number, unknown, number];
  __wbindgen_malloc(size: number, align: number): number;
  __wbindgen_free(ptr: number, len: number, align: number): void;
  __wbindgen_externrefs: WebAssembly.Table;
  __externref_table_dealloc(idx: number): void;
  __wbindgen_start(): void;
};

function loadSchemaWasm(): WasmExports {
  const file = path.join(process.cwd(), 'node_modules', 'prisma', 'build', 'prisma_schema_build_bg.wasm');
  const wasmModule = new WebAssembly.Module(fs.readFileSync(file));
  // Set right after instantiation; the imports below only run from inside wasm calls.
  const self: { exports?: WasmExports } = {};
  const decode = (ptr: number, len: number) => new TextDecoder().decode(new Uint8Array(self.exports!.memory.buffer, ptr, len));
  // The imports wasm-bindgen generated for this module (names carry a hash; match them by prefix).
  const imports: Record<string, (...args: number[]) => unknown> = {};
  for (const imp of WebAssembly.Module.imports(wasmModule)) {
    if (imp.name.startsWith('__wbg_Error_')) imports[imp.name] = (p, l) => new Error(decode(p, l));
    else if (imp.name.startsWith('__wbg___wbindgen_throw_'))
      imports[imp.name] = (p, l) => {
        throw new Error(decode(p, l));
      };
    else if (imp.name.startsWith('__wbg_set_message_')) imports[imp.name] = () => undefined;
    else if (imp.name === '__wbindgen_init_externref_table') {
      imports[imp.name] = () => {
        const table = self.exports!.__wbindgen_externrefs;
        const base = table.grow(4);
        table.set(0, undefined);
        [undefined, null, true, false].forEach((v, i) => table.set(base + i, v));
      };
    } else throw new Error(`prisma_schema_build_bg.wasm needs an unknown import ${imp.name}: update testing/prisma-dmmf.ts`);
  }
  const exports = new WebAssembly.Instance(wasmModule, { __wbindgen_placeholder__: imports }).exports as unknown as WasmExports;
  self.exports = exports;
  exports.__wbindgen_start();
  return exports;
}

/** The DMMF of the schema text (default: prisma/schema.prisma). */
export function getDmmf(schema = fs.readFileSync(SCHEMA_FILE, 'utf8')): Dmmf {
  const wasm = loadSchemaWasm();
  const input = new TextEncoder().encode(JSON.stringify({ prismaSchema: [['schema.prisma', schema]], noColor: true }));
  const ptr = wasm.__wbindgen_malloc(input.length, 1);
  new Uint8Array(wasm.memory.buffer, ptr, input.length).set(input);
  const [outPtr, outLen, errIdx, failed] = wasm.get_dmmf(ptr, input.length);
  if (failed) {
    const err = wasm.__wbindgen_externrefs.get(errIdx as number);
    wasm.__externref_table_dealloc(errIdx as number);
    throw err instanceof Error ? err : new Error(String(err));
  }
  const text = new TextDecoder().decode(new Uint8Array(wasm.memory.buffer, outPtr, outLen));
  wasm.__wbindgen_free(outPtr, outLen, 1);
  return JSON.parse(text) as Dmmf;
}
