import { z } from "zod";

// Raw SQL comes back untyped, and `$queryRaw<Row[]>` is only a cast: a renamed column, an enum value the
// code does not know or a join that turned nullable would flow on as a wrong type and fail somewhere far
// away, or not at all. A query whose rows hold an enum, a union or joined data checks them here, against
// a schema that is also their type. It costs about a microsecond a row: right for a page of 50 or an admin
// list; the bulk paths (tens of thousands of ids) and the export stream keep their typed casts.

/** Schemas of the database's own value kinds, as the pg driver returns them. */
export const sqlId = z.number().int();
export const sqlCount = z.number().int().nonnegative();

/** The rows, checked against `row`; a mismatch is a bug in the query or the schema, reported with both. */
export function checkRows<Row extends z.ZodType>(query: string, row: Row, rows: unknown): z.output<Row>[] {
  const checked = z.array(row).safeParse(rows);
  if (checked.success) return checked.data;
  const [issue] = checked.error.issues;
  const [index, ...field] = issue?.path ?? [];
  throw new Error(
    `The rows of ${query} do not have the expected shape: row ${String(index)}, ${field.join(".") || "the row"}: ${issue?.message}`,
  );
}
