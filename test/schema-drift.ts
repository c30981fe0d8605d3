import type pg from "pg";
import { getDatamodel, type DmmfField, type DmmfModel } from "./prisma-datamodel";

// What `prisma migrate diff --from-schema-datamodel --to-url` would compare, done without Prisma's
// schema engine: schema.prisma is read by Prisma's own parser (the DMMF), the database through
// pg_catalog, and both are brought to one shape of short strings, so a difference reads as
// `articles.search: schema says tsvector GENERATED, database has text`.

type Shape = Map<string, string>;

export type TableShape = { columns: Shape; indexes: Shape; foreignKeys: Shape };

export type SchemaShape = {
  tables: Map<string, TableShape>;
  enums: Shape;
  extensions: Shape;
};

/** The table Prisma keeps its migration history in: not part of the domain. */
const MIGRATIONS_TABLE = "_prisma_migrations";
const POSTGRES_IDENTIFIER_LIMIT = 63;

const SCALAR_TYPES: Record<string, string> = {
  Int: "integer",
  BigInt: "bigint",
  String: "text",
  Boolean: "boolean",
  DateTime: "timestamp(3) without time zone",
  Float: "double precision",
  Decimal: "numeric(65,30)",
  Json: "jsonb",
  Bytes: "bytea",
};

const withArgs =
  (base: string, suffix = "") =>
  (args: string[]) =>
    `${base}${args.length > 0 ? `(${args.join(",")})` : ""}${suffix}`;

/** @db.* attributes, rendered as PostgreSQL's format_type() prints them. */
const NATIVE_TYPES: Record<string, (args: string[]) => string> = {
  Timestamptz: withArgs("timestamp", " with time zone"),
  Timestamp: withArgs("timestamp", " without time zone"),
  Timetz: withArgs("time", " with time zone"),
  Time: withArgs("time", " without time zone"),
  Date: () => "date",
  VarChar: withArgs("character varying"),
  Char: withArgs("character"),
  Text: () => "text",
  Uuid: () => "uuid",
  SmallInt: () => "smallint",
  Integer: () => "integer",
  BigInt: () => "bigint",
  Real: () => "real",
  DoublePrecision: () => "double precision",
  Decimal: withArgs("numeric"),
  Money: () => "money",
  Json: () => "json",
  JsonB: () => "jsonb",
  ByteA: () => "bytea",
  Boolean: () => "boolean",
  Inet: () => "inet",
  Citext: () => "citext",
  Xml: () => "xml",
  Oid: () => "oid",
  Bit: withArgs("bit"),
  VarBit: withArgs("bit varying"),
};

const REFERENTIAL_ACTIONS: Record<string, string> = {
  Cascade: "CASCADE",
  Restrict: "RESTRICT",
  NoAction: "NO ACTION",
  SetNull: "SET NULL",
  SetDefault: "SET DEFAULT",
};

const PG_REFERENTIAL_ACTIONS: Record<string, string> = {
  a: "NO ACTION",
  r: "RESTRICT",
  c: "CASCADE",
  n: "SET NULL",
  d: "SET DEFAULT",
};

/** A field line of a model block: what the DMMF leaves out (Unsupported fields, @relation's map). */
type FieldLine = { type: string; attributes: string };

/** Prisma's naming convention for a constraint or index nobody named with `map:`. */
export function conventionalName(table: string, columns: string[], suffix: "pkey" | "key" | "idx" | "fkey"): string {
  const base = suffix === "pkey" ? table : `${table}_${columns.join("_")}`;
  const room = POSTGRES_IDENTIFIER_LIMIT - suffix.length - 1;
  return `${base.length >= room ? base.slice(0, room) : base}_${suffix}`;
}

function readFieldLines(schema: string): Map<string, Map<string, FieldLine>> {
  const models = new Map<string, Map<string, FieldLine>>();
  for (const block of schema.matchAll(/^model\s+(\w+)\s*\{([\s\S]*?)^\}/gm)) {
    const fields = new Map<string, FieldLine>();
    for (const line of block[2].split("\n")) {
      const field = /^\s*(\w+)\s+(Unsupported\("[^"]*"\)[?[\]]*|[\w.]+[?[\]]*)(.*)$/.exec(line.replace(/\/\/.*$/, ""));
      if (field) fields.set(field[1], { type: field[2], attributes: field[3] });
    }
    models.set(block[1], fields);
  }
  return models;
}

function readExtensions(schema: string): string[] {
  const datasource = /^datasource\s+\w+\s*\{([\s\S]*?)^\}/m.exec(schema)?.[1] ?? "";
  const list = /extensions\s*=\s*\[([^\]]*)\]/.exec(datasource)?.[1] ?? "";
  return [...list.matchAll(/(\w+)(?:\(([^)]*)\))?/g)].map(
    ([, name, args]) => /map:\s*"([^"]+)"/.exec(args ?? "")?.[1] ?? name,
  );
}

function expectedDefault(field: DmmfField): string | undefined {
  if (!field.hasDefaultValue) return undefined;
  const value = field.default;
  if (Array.isArray(value)) return `[${value.map(String).join(", ")}]`;
  if (value !== null && typeof value === "object") {
    const { name, args } = value as { name: string; args: unknown[] };
    if (name === "autoincrement" || name === "now") return `${name}()`;
    if (name === "dbgenerated") return args.length > 0 ? normalizeDefault(String(args[0])) : "GENERATED";
    // uuid(), cuid(), nanoid(), ulid() are filled in by the client: the column has no default.
    return undefined;
  }
  return String(value);
}

function describeColumn(type: string, nullable: boolean, defaultValue: string | undefined): string {
  const nullability = nullable ? "" : " NOT NULL";
  if (defaultValue === "GENERATED") return `${type}${nullability} GENERATED`;
  return `${type}${nullability}${defaultValue === undefined ? "" : ` DEFAULT ${defaultValue}`}`;
}

function expectedType(field: DmmfField, enumNames: Map<string, string>, problems: string[], where: string): string {
  let base: string;
  if (field.kind === "enum") base = `enum ${enumNames.get(field.type) ?? field.type}`;
  else if (field.nativeType) {
    const [name, args] = field.nativeType;
    const render = NATIVE_TYPES[name];
    if (!render) problems.push(`${where}: @db.${name} is not known to test/schema-drift.ts; add it there`);
    base = render ? render(args) : `@db.${name}`;
  } else base = SCALAR_TYPES[field.type] ?? `unknown Prisma type ${field.type}`;
  return field.isList ? `${base}[]` : base;
}

/** The database schema.prisma describes, in the shape readDatabaseSchema() returns. */
/**
 * Indexes on an expression, which schema.prisma cannot describe (a comment on the model there names each): as
 * readDatabaseSchema prints them.
 */
const EXPRESSION_INDEXES: Record<string, Record<string, string>> = {
  articles: { articles_search_key_idx: "INDEX gin (article_search_key(search, published_at, id))" },
};

export function expectedSchema(schema: string): { shape: SchemaShape; problems: string[] } {
  const datamodel = getDatamodel(schema);
  const fieldLines = readFieldLines(schema);
  const problems: string[] = [];
  const enumNames = new Map(datamodel.enums.map((e) => [e.name, e.dbName ?? e.name]));
  const models = new Map(datamodel.models.map((model) => [model.name, model]));
  const tableOf = (model: DmmfModel) => model.dbName ?? model.name;
  const columnOf = (model: DmmfModel, fieldName: string) => {
    const field = model.fields.find((candidate) => candidate.name === fieldName);
    if (field) return field.dbName ?? field.name;
    const mapped = /@map\(\s*"([^"]+)"/.exec(fieldLines.get(model.name)?.get(fieldName)?.attributes ?? "");
    return mapped?.[1] ?? fieldName;
  };

  const tables = new Map<string, TableShape>();
  for (const model of datamodel.models) {
    const table: TableShape = { columns: new Map(), indexes: new Map(), foreignKeys: new Map() };
    tables.set(tableOf(model), table);

    for (const field of model.fields) {
      if (field.kind !== "scalar" && field.kind !== "enum") continue;
      const type = expectedType(field, enumNames, problems, `${model.name}.${field.name}`);
      // Prisma never puts NOT NULL on a scalar list column: an absent list reads as empty.
      const nullable = field.isList || !field.isRequired;
      table.columns.set(columnOf(model, field.name), describeColumn(type, nullable, expectedDefault(field)));
    }

    for (const [name, line] of fieldLines.get(model.name) ?? []) {
      const unsupported = /^Unsupported\("([^"]*)"\)(\?|\[\])?$/.exec(line.type);
      if (!unsupported) continue;
      const type = unsupported[2] === "[]" ? `${unsupported[1]}[]` : unsupported[1];
      const generatedDefault = /@default\(\s*dbgenerated\(\s*\)\s*\)/.test(line.attributes);
      const expression = /@default\(\s*dbgenerated\(\s*"((?:[^"\\]|\\.)*)"\s*\)\s*\)/.exec(line.attributes)?.[1];
      // Our convention (docs: TOOLCHAIN.md): dbgenerated() without an expression marks a GENERATED ALWAYS column.
      const defaultValue = generatedDefault
        ? "GENERATED"
        : expression === undefined
          ? undefined
          : normalizeDefault(expression);
      table.columns.set(columnOf(model, name), describeColumn(type, unsupported[2] !== undefined, defaultValue));
    }

    for (const field of model.fields) {
      if (field.kind !== "object" || !field.relationFromFields?.length) continue;
      const target = models.get(field.type)!;
      const columns = field.relationFromFields.map((name) => columnOf(model, name));
      const references = (field.relationToFields ?? []).map((name) => columnOf(target, name));
      const required = field.relationFromFields.every(
        (name) => model.fields.find((candidate) => candidate.name === name)?.isRequired,
      );
      // Prisma's defaults: an optional relation is SET NULL on delete, a required one RESTRICT; updates CASCADE.
      const onDelete = REFERENTIAL_ACTIONS[field.relationOnDelete ?? (required ? "Restrict" : "SetNull")];
      const onUpdate = REFERENTIAL_ACTIONS[field.relationOnUpdate ?? "Cascade"];
      const mapped = /@relation\([^)]*map:\s*"([^"]+)"/.exec(
        fieldLines.get(model.name)?.get(field.name)?.attributes ?? "",
      );
      const name = mapped?.[1] ?? conventionalName(tableOf(model), columns, "fkey");
      table.foreignKeys.set(
        name,
        `(${columns.join(", ")}) REFERENCES ${tableOf(target)} (${references.join(", ")}) ON DELETE ${onDelete} ON UPDATE ${onUpdate}`,
      );
    }
  }

  for (const index of datamodel.indexes) {
    const model = models.get(index.model)!;
    const table = tableOf(model);
    const columns = index.fields.map((field) => columnOf(model, field.name));
    const kind = { id: "PRIMARY KEY", unique: "UNIQUE", normal: "INDEX", fulltext: "FULLTEXT" }[index.type];
    const suffix = ({ id: "pkey", unique: "key", normal: "idx", fulltext: "idx" } as const)[index.type];
    const name = index.dbName ?? conventionalName(table, columns, suffix);
    const keys = index.fields.map((field, position) =>
      [
        columns[position],
        field.sortOrder === "desc" ? "DESC" : "",
        field.operatorClass ? snakeCase(field.operatorClass) : "",
      ]
        .filter(Boolean)
        .join(" "),
    );
    const method = (index.algorithm ?? "BTree").toLowerCase();
    tables.get(table)!.indexes.set(name, `${kind} ${method} (${keys.join(", ")})`);
  }

  for (const [table, indexes] of Object.entries(EXPRESSION_INDEXES)) {
    for (const [name, shape] of Object.entries(indexes)) tables.get(table)?.indexes.set(name, shape);
  }

  const enums: Shape = new Map(
    datamodel.enums.map((e) => [e.dbName ?? e.name, e.values.map((value) => value.dbName ?? value.name).join(", ")]),
  );
  const extensions: Shape = new Map(readExtensions(schema).map((name) => [name, "installed"]));
  return { shape: { tables, enums, extensions }, problems };
}

/** Prisma names built-in operator classes in PascalCase (JsonbPathOps); raw ones stay as written. */
function snakeCase(name: string): string {
  return name.includes("_") ? name : name.replace(/(?<!^)([A-Z])/g, "_$1").toLowerCase();
}

/** A column default as pg_get_expr prints it, reduced to the form expectedDefault() produces. */
export function normalizeDefault(expression: string): string {
  const trimmed = expression.trim();
  if (/^nextval\('[^']+'::regclass\)$/.test(trimmed)) return "autoincrement()";
  if (/^(CURRENT_TIMESTAMP|now\(\))$/i.test(trimmed)) return "now()";
  // ARRAY['a'::text]::text[] and '{a}'::text[] are two spellings of one array default.
  const array =
    /^ARRAY\[(.*?)\](?:::[\w ]+(?:\[\])+)?$/s.exec(trimmed) ?? /^'\{(.*)\}'::[\w ]+(?:\[\])+$/s.exec(trimmed);
  if (array) {
    const items = array[1].trim() === "" ? [] : array[1].split(/,\s*/).map(normalizeLiteral);
    return `[${items.join(", ")}]`;
  }
  return normalizeLiteral(trimmed);
}

function normalizeLiteral(expression: string): string {
  let value = expression.trim();
  for (;;) {
    const withoutCast = value.replace(/::(?:"[^"]+"|[a-z_][a-z0-9_ ]*)(?:\(\d+(?:,\d+)?\))?(?:\[\])*$/i, "").trim();
    const withoutParens = /^\((.*)\)$/s.exec(withoutCast)?.[1] ?? withoutCast;
    if (withoutParens === value) break;
    value = withoutParens;
  }
  const quoted = /^'(.*)'$/s.exec(value);
  return quoted ? quoted[1].replace(/''/g, "'") : value;
}

/** The current schema of the database `client` is connected to, in the shape expectedSchema() returns. */
export async function readDatabaseSchema(client: pg.ClientBase): Promise<SchemaShape> {
  const tables = new Map<string, TableShape>();
  const tableNames = await client.query<{ name: string }>(
    `SELECT c.relname AS name FROM pg_class c
      WHERE c.relnamespace = current_schema()::regnamespace AND c.relkind IN ('r', 'p') AND c.relname <> $1`,
    [MIGRATIONS_TABLE],
  );
  for (const { name } of tableNames.rows)
    tables.set(name, { columns: new Map(), indexes: new Map(), foreignKeys: new Map() });

  const columns = await client.query<{
    table_name: string;
    column_name: string;
    type: string;
    not_null: boolean;
    generated: string;
    identity: string;
    default_expression: string | null;
  }>(
    `SELECT c.relname AS table_name, a.attname AS column_name,
            CASE WHEN t.typtype = 'e' THEN 'enum ' || t.typname
                 WHEN element.typtype = 'e' THEN 'enum ' || element.typname || '[]'
                 ELSE format_type(a.atttypid, a.atttypmod) END AS type,
            a.attnotnull AS not_null, a.attgenerated AS generated, a.attidentity AS identity,
            pg_get_expr(d.adbin, d.adrelid) AS default_expression
       FROM pg_attribute a
       JOIN pg_class c ON c.oid = a.attrelid
       JOIN pg_type t ON t.oid = a.atttypid
       LEFT JOIN pg_type element ON element.oid = t.typelem AND t.typcategory = 'A'
       LEFT JOIN pg_attrdef d ON d.adrelid = a.attrelid AND d.adnum = a.attnum
      WHERE c.relnamespace = current_schema()::regnamespace AND c.relkind IN ('r', 'p')
        AND a.attnum > 0 AND NOT a.attisdropped
      ORDER BY c.relname, a.attnum`,
  );
  for (const column of columns.rows) {
    const table = tables.get(column.table_name);
    if (!table) continue;
    const defaultValue =
      column.generated === "s"
        ? "GENERATED"
        : column.identity
          ? "IDENTITY"
          : column.default_expression === null
            ? undefined
            : normalizeDefault(column.default_expression);
    table.columns.set(column.column_name, describeColumn(column.type, !column.not_null, defaultValue));
  }

  const indexes = await client.query<{
    table_name: string;
    index_name: string;
    is_primary: boolean;
    is_unique: boolean;
    method: string;
    keys: string[];
    predicate: string | null;
  }>(
    `SELECT tbl.relname AS table_name, idx.relname AS index_name, ix.indisprimary AS is_primary,
            ix.indisunique AS is_unique, am.amname AS method,
            ARRAY(
              SELECT COALESCE(a.attname::text, pg_get_indexdef(ix.indexrelid, k + 1, true))
                     || CASE WHEN ix.indoption[k] & 1 = 1 THEN ' DESC' ELSE '' END
                     || CASE WHEN opc.opcdefault THEN '' ELSE ' ' || opc.opcname END
                FROM generate_series(0, ix.indnkeyatts - 1) AS k
                JOIN pg_opclass opc ON opc.oid = ix.indclass[k]
                LEFT JOIN pg_attribute a ON a.attrelid = ix.indrelid AND a.attnum = ix.indkey[k] AND a.attnum > 0
               ORDER BY k
            )::text[] AS keys,
            pg_get_expr(ix.indpred, ix.indrelid) AS predicate
       FROM pg_index ix
       JOIN pg_class idx ON idx.oid = ix.indexrelid
       JOIN pg_class tbl ON tbl.oid = ix.indrelid
       JOIN pg_am am ON am.oid = idx.relam
      WHERE tbl.relnamespace = current_schema()::regnamespace`,
  );
  for (const index of indexes.rows) {
    const table = tables.get(index.table_name);
    if (!table) continue;
    const kind = index.is_primary ? "PRIMARY KEY" : index.is_unique ? "UNIQUE" : "INDEX";
    const where = index.predicate ? ` WHERE ${index.predicate}` : "";
    table.indexes.set(index.index_name, `${kind} ${index.method} (${index.keys.join(", ")})${where}`);
  }

  const foreignKeys = await client.query<{
    table_name: string;
    name: string;
    columns: string[];
    target: string;
    references: string[];
    on_delete: string;
    on_update: string;
  }>(
    `SELECT tbl.relname AS table_name, con.conname AS name, target.relname AS target,
            ARRAY(SELECT attname FROM unnest(con.conkey) WITH ORDINALITY AS k(attnum, position)
                    JOIN pg_attribute ON attrelid = con.conrelid AND pg_attribute.attnum = k.attnum ORDER BY position)::text[] AS columns,
            ARRAY(SELECT attname FROM unnest(con.confkey) WITH ORDINALITY AS k(attnum, position)
                    JOIN pg_attribute ON attrelid = con.confrelid AND pg_attribute.attnum = k.attnum ORDER BY position)::text[] AS references,
            con.confdeltype AS on_delete, con.confupdtype AS on_update
       FROM pg_constraint con
       JOIN pg_class tbl ON tbl.oid = con.conrelid
       JOIN pg_class target ON target.oid = con.confrelid
      WHERE con.contype = 'f' AND tbl.relnamespace = current_schema()::regnamespace`,
  );
  for (const key of foreignKeys.rows) {
    tables
      .get(key.table_name)
      ?.foreignKeys.set(
        key.name,
        `(${key.columns.join(", ")}) REFERENCES ${key.target} (${key.references.join(", ")}) ` +
          `ON DELETE ${PG_REFERENTIAL_ACTIONS[key.on_delete]} ON UPDATE ${PG_REFERENTIAL_ACTIONS[key.on_update]}`,
      );
  }

  const enums = await client.query<{ name: string; labels: string[] }>(
    `SELECT t.typname AS name, array_agg(e.enumlabel ORDER BY e.enumsortorder)::text[] AS labels
       FROM pg_type t JOIN pg_enum e ON e.enumtypid = t.oid
      WHERE t.typnamespace = current_schema()::regnamespace
      GROUP BY t.typname`,
  );
  const extensions = await client.query<{ name: string }>(
    // plpgsql comes with every database; Prisma does not manage it.
    `SELECT extname AS name FROM pg_extension WHERE extname <> 'plpgsql'`,
  );
  return {
    tables,
    enums: new Map(enums.rows.map((row) => [row.name, row.labels.join(", ")])),
    extensions: new Map(extensions.rows.map((row) => [row.name, "installed"])),
  };
}

function diffShapes(what: string, expected: Shape, actual: Shape, differences: string[]): void {
  for (const [key, want] of expected) {
    const got = actual.get(key);
    if (got === undefined) differences.push(`${what} ${key}: missing from the database (schema says ${want})`);
    else if (got !== want) differences.push(`${what} ${key}: schema says ${want}, database has ${got}`);
  }
  for (const [key, got] of actual) {
    if (!expected.has(key)) differences.push(`${what} ${key}: in the database but not in the schema (${got})`);
  }
}

/** Every difference between the two, one line each; empty when they agree. */
export function diffSchemas(expected: SchemaShape, actual: SchemaShape): string[] {
  const differences: string[] = [];
  diffShapes("extension", expected.extensions, actual.extensions, differences);
  diffShapes("enum", expected.enums, actual.enums, differences);
  for (const [name, want] of expected.tables) {
    const got = actual.tables.get(name);
    if (!got) {
      differences.push(`table ${name}: missing from the database`);
      continue;
    }
    diffShapes("column", prefixKeys(name, want.columns), prefixKeys(name, got.columns), differences);
    diffShapes("index", prefixKeys(name, want.indexes), prefixKeys(name, got.indexes), differences);
    diffShapes("foreign key", prefixKeys(name, want.foreignKeys), prefixKeys(name, got.foreignKeys), differences);
  }
  for (const name of actual.tables.keys()) {
    if (!expected.tables.has(name)) differences.push(`table ${name}: in the database but not in the schema`);
  }
  return differences;
}

function prefixKeys(table: string, shape: Shape): Shape {
  return new Map([...shape].map(([key, value]) => [`${table}.${key}`, value]));
}
