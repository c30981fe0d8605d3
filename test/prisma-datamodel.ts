import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";

// Prisma's own reading of schema.prisma (the DMMF datamodel), without its schema engine: the `prisma`
// CLI package ships the schema parser as WebAssembly (build/prisma_schema_build_bg.wasm) but bundles
// the JavaScript glue inside its CLI, and @prisma/internals is not installed. These few lines are that
// glue (wasm-bindgen's calling convention), written against prisma 7.10: a string goes in as
// (pointer, length), the answer comes back as [pointer, length, error slot, is-error].

export type DmmfField = {
  name: string;
  dbName?: string | null;
  kind: "scalar" | "enum" | "object";
  isList: boolean;
  isRequired: boolean;
  type: string;
  nativeType: [string, string[]] | null;
  hasDefaultValue: boolean;
  default?: unknown;
  isUpdatedAt: boolean;
  relationFromFields?: string[];
  relationToFields?: string[];
  relationOnDelete?: string;
  relationOnUpdate?: string;
};

export type DmmfModel = { name: string; dbName: string | null; fields: DmmfField[] };

export type DmmfIndex = {
  model: string;
  type: "id" | "normal" | "unique" | "fulltext";
  dbName?: string | null;
  algorithm?: string;
  fields: { name: string; sortOrder?: "asc" | "desc"; operatorClass?: string }[];
};

export type DmmfEnum = { name: string; dbName: string | null; values: { name: string; dbName: string | null }[] };

export type DmmfDatamodel = { enums: DmmfEnum[]; models: DmmfModel[]; indexes: DmmfIndex[] };

type SchemaWasm = {
  memory: WebAssembly.Memory;
  __wbindgen_externrefs: WebAssembly.Table;
  __wbindgen_malloc(size: number, align: number): number;
  __wbindgen_free(pointer: number, size: number, align: number): void;
  __externref_table_dealloc(index: number): void;
  __wbindgen_start(): void;
  get_datamodel(pointer: number, length: number): [number, number, number, number];
};

let instance: SchemaWasm | undefined;
let lastPanic = "";

function loadSchemaWasm(): SchemaWasm {
  if (instance) return instance;
  const prismaDir = path.dirname(createRequire(import.meta.url).resolve("prisma/package.json"));
  const compiled = new WebAssembly.Module(readFileSync(path.join(prismaDir, "build", "prisma_schema_build_bg.wasm")));
  const decoder = new TextDecoder();
  const text = (pointer: number, length: number) =>
    decoder.decode(new Uint8Array(wasm().memory.buffer, pointer >>> 0, length));
  const wasm = () => instance!;

  // wasm-bindgen suffixes import names with a hash that changes between builds: match on the stem.
  const glue: [string, (...args: number[]) => unknown][] = [
    ["set_message", (pointer, length) => void (lastPanic = text(pointer, length))],
    ["_Error_", (pointer, length) => new Error(text(pointer, length))],
    [
      "wbindgen_throw",
      (pointer, length) => {
        throw new Error(text(pointer, length));
      },
    ],
    [
      "init_externref_table",
      () => {
        const table = wasm().__wbindgen_externrefs;
        const offset = table.grow(4);
        table.set(0, undefined);
        [undefined, null, true, false].forEach((value, index) => table.set(offset + index, value));
      },
    ],
  ];
  const imports: Record<string, Record<string, (...args: number[]) => unknown>> = {};
  for (const { module: from, name } of WebAssembly.Module.imports(compiled)) {
    const implementation = glue.find(([stem]) => name.includes(stem));
    if (!implementation)
      throw new Error(`prisma's schema wasm wants an unknown import ${from}.${name}; update ${import.meta.url}`);
    (imports[from] ??= {})[name] = implementation[1];
  }
  instance = new WebAssembly.Instance(compiled, imports).exports as unknown as SchemaWasm;
  instance.__wbindgen_start();
  return instance;
}

/** The DMMF datamodel of a schema, as `getDMMF()` returns it in `.datamodel`. */
export function getDatamodel(schema: string, fileName = "schema.prisma"): DmmfDatamodel {
  const wasm = loadSchemaWasm();
  const input = new TextEncoder().encode(JSON.stringify({ prismaSchema: [[fileName, schema]], noColor: true }));
  const pointer = wasm.__wbindgen_malloc(input.length, 1) >>> 0;
  new Uint8Array(wasm.memory.buffer, pointer, input.length).set(input);
  let result: [number, number, number, number];
  try {
    result = wasm.get_datamodel(pointer, input.length);
  } catch (error) {
    throw new Error(`Prisma's schema parser panicked: ${lastPanic || String(error)}`, { cause: error });
  }
  const [outPointer, outLength, errorSlot, failed] = result;
  if (failed) {
    const error = wasm.__wbindgen_externrefs.get(errorSlot) as Error;
    wasm.__externref_table_dealloc(errorSlot);
    throw new Error(`${fileName} does not validate: ${readableWasmError(error.message)}`);
  }
  try {
    return JSON.parse(new TextDecoder().decode(new Uint8Array(wasm.memory.buffer, outPointer >>> 0, outLength)));
  } finally {
    wasm.__wbindgen_free(outPointer, outLength, 1);
  }
}

function readableWasmError(message: string): string {
  try {
    return (JSON.parse(message) as { message?: string }).message ?? message;
  } catch {
    return message;
  }
}
