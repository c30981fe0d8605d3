import { z } from "zod";

// The pieces the OpenAPI document is built from: zod schemas as JSON Schema, query parameters, error answers.

export type JsonSchema = Record<string, unknown>;

export function jsonSchema(schema: z.ZodType, io: "input" | "output"): JsonSchema {
  // Transforms (dates read from text, trimming) have no JSON Schema: "any" leaves such a field open, and the
  // field's description says what it takes.
  const result = z.toJSONSchema(schema, { io, unrepresentable: "any" }) as JsonSchema;
  // The dialect is the document's own (OpenAPI 3.1 is JSON Schema 2020-12), not repeated in each schema.
  delete result.$schema;
  return result;
}

export function queryParameters(schema: z.ZodObject) {
  const { properties = {}, required = [] } = jsonSchema(schema, "input") as {
    properties?: Record<string, JsonSchema>;
    required?: string[];
  };
  return Object.entries(properties).map(([name, property]) => {
    const { description, ...rest } = property;
    return { name, in: "query", required: required.includes(name), description, schema: rest };
  });
}

export const json = (schema: JsonSchema) => ({ "application/json": { schema } });
const errorRef = { $ref: "#/components/schemas/Error" };

export function errors(...statuses: number[]) {
  const descriptions: Record<number, string> = {
    400: "The request is invalid; `error` says why.",
    401: "No valid token or session. Answered with `WWW-Authenticate: Bearer`.",
    403: "The token's scope, or its owner's role, does not allow this.",
    404: "No such record, or not one you may see.",
    405: "Method not allowed.",
    413: "Too large: too many articles in the body, or too many rows for the format.",
    415: "The body is not `application/json`.",
    429: "This token made too many requests; retry after `Retry-After` seconds.",
    503: "The database is unavailable; retry after `Retry-After` seconds.",
  };
  return Object.fromEntries(
    statuses.map((status) => {
      const retry = status === 429 || status === 503;
      return [
        String(status),
        {
          description: descriptions[status],
          content: json(errorRef),
          ...(retry ? { headers: { "Retry-After": { schema: { type: "integer" } } } } : {}),
        },
      ];
    }),
  );
}

export const rateLimitHeaders = {
  "RateLimit-Limit": { description: "Requests a token may make per window.", schema: { type: "integer" } },
  "RateLimit-Remaining": { description: "Requests left in this window.", schema: { type: "integer" } },
  "RateLimit-Reset": { description: "Seconds until the window restarts.", schema: { type: "integer" } },
};
