import { z } from "zod";
import { BRIEF_GROUPS } from "@/lib/export/brief";
import { CSV_COLUMNS } from "@/lib/export/csv";
import { EXPORT_FORMATS, FORMAT_INFO } from "@/lib/export/formats";
import { MAX_ARTICLES_PER_REQUEST } from "@/lib/validation/article-batch";
import { ARTICLE_SORTS, DATE_PRESETS, REVIEW_STATUSES, TAG_MODES } from "@/lib/validation/article-filter";
import { incomingArticleSchema } from "@/lib/validation/incoming-article";
import { errors, json, jsonSchema, queryParameters, rateLimitHeaders } from "@/lib/api/openapi-schema";
import { versionPaths, viewPaths, viewSchemas } from "@/lib/api/openapi-views";

// The OpenAPI 3.1 description of /api/v1, built from zod schemas with zod's own z.toJSONSchema (JSON Schema
// 2020-12, the dialect OpenAPI 3.1 uses): the article schema is the one POST /api/v1/articles validates each item
// with; the export's query mirrors parseArticleFilter and the export route's own parameters. Served at
// GET /api/v1/openapi.json and shown at /api/docs; lib/api/openapi.int.test.ts validates it and checks that every
// route handler under app/api/v1 is described with its methods.

const errorSchema = z.object({ error: z.string().meta({ description: "What went wrong, fit to show a person." }) });

const articleBatchSchema = z.object({
  articles: z
    .array(incomingArticleSchema)
    .min(1)
    .max(MAX_ARTICLES_PER_REQUEST)
    .meta({ description: "Each item is checked on its own: a bad item fails alone, the others are stored." }),
});

const itemResultSchema = z.object({
  index: z.number().int().meta({ description: "Position of the item in the request's `articles`." }),
  status: z.enum(["created", "duplicate", "near_duplicate", "completed", "updated", "failed"]),
  id: z.number().int().optional().meta({ description: "The stored article's id." }),
  similarity: z.number().optional().meta({ description: "For a near-duplicate: how close it is (0-1)." }),
  error: z.string().optional().meta({ description: "Why a failed item was refused." }),
});

const ingestResultSchema = z.object({
  runId: z.number().int().meta({ description: "The ingest run that recorded this request." }),
  results: z.array(itemResultSchema),
  created: z.number().int(),
  duplicates: z.number().int(),
  failed: z.number().int(),
});

const idList = z
  .string()
  .regex(/^\d+(,\d+)*$/)
  .meta({ description: "Comma-separated ids (the parameter may also repeat)." });

/** GET /api/v1/export's query: the export's own parameters, then the article list's filter. */
export const exportQuerySchema = z.object({
  format: z.enum(EXPORT_FORMATS).meta({ description: "The file to make." }),
  columns: z
    .string()
    .optional()
    .meta({ description: `CSV only: comma-separated columns, of ${CSV_COLUMNS.join(", ")}.` }),
  group: z.enum(BRIEF_GROUPS).optional().meta({ description: "Briefs only: group the articles by theme or by day." }),
  ids: idList.optional().meta({ description: "Export these articles (at most 10,000) instead of the filter." }),
  q: z
    .string()
    .max(500)
    .optional()
    .meta({ description: 'Search, in the desk\'s syntax: "exact phrase", OR, -exclude, missil*.' }),
  from: z.iso.date().optional().meta({ description: "First day (UTC), YYYY-MM-DD." }),
  to: z.iso.date().optional().meta({ description: "Last day (UTC), YYYY-MM-DD, included." }),
  range: z.enum(DATE_PRESETS).optional().meta({ description: "A preset instead of from/to." }),
  theme: idList.optional().meta({ description: "Theme ids." }),
  source: idList.optional().meta({ description: "Source ids." }),
  tag: idList.optional().meta({ description: "Tag ids." }),
  tagMode: z.enum(TAG_MODES).optional().meta({ description: "Whether articles need any, all or none of the tags." }),
  status: z
    .string()
    .optional()
    .meta({ description: `Review statuses, comma-separated: ${REVIEW_STATUSES.join(", ")}.` }),
  annotated: z.enum(["yes", "no"]).optional().meta({ description: "Only articles with (or without) notes." }),
  undated: z.enum(["hide"]).optional().meta({ description: "Leave out articles whose date is estimated." }),
  lang: z.string().optional().meta({ description: "Language codes, comma-separated (en, ko, ...)." }),
  sort: z.enum(ARTICLE_SORTS).optional(),
  noalias: idList.optional().meta({ description: "Names-register spellings not to add to the search." }),
});

export function buildOpenApiDocument(version: string) {
  const ingestResult = { $ref: "#/components/schemas/IngestResult" };
  const exportTypes = Object.fromEntries(
    EXPORT_FORMATS.map((format) => [FORMAT_INFO[format].contentType.split(";")[0], { schema: { type: "string" } }]),
  );
  return {
    openapi: "3.1.0",
    info: {
      title: "Presswatch API",
      version,
      description:
        "The machine API of Presswatch: send articles in, take filtered exports out. Authenticate with an API token " +
        "(`Authorization: Bearer pw_...`, created by an admin under API tokens) or, from a signed-in browser, the " +
        "session cookie. A token never does more than its owner's role allows, nor more than its scope (Read or Ingest).",
    },
    servers: [{ url: "/" }],
    security: [{ bearerToken: [] }, { sessionCookie: [] }],
    components: {
      securitySchemes: {
        bearerToken: { type: "http", scheme: "bearer", description: "An API token, `pw_...`." },
        sessionCookie: { type: "apiKey", in: "cookie", name: "authjs.session-token" },
      },
      schemas: {
        Error: jsonSchema(errorSchema, "output"),
        Article: jsonSchema(incomingArticleSchema, "input"),
        ArticleBatch: jsonSchema(articleBatchSchema, "input"),
        IngestResult: jsonSchema(ingestResultSchema, "output"),
        ...viewSchemas(),
      },
    },
    paths: {
      "/api/v1/articles": {
        post: {
          operationId: "postArticles",
          summary: "Send articles",
          description:
            "Stores up to 1,000 articles, each answered on its own. Needs the Ingest scope and an analyst's or admin's " +
            "role. `published` takes a date like `2024-08-04` or an ISO date-time.",
          requestBody: { required: true, content: json({ $ref: "#/components/schemas/ArticleBatch" }) },
          responses: {
            "200": {
              description: "Every item was stored or already there.",
              headers: rateLimitHeaders,
              content: json(ingestResult),
            },
            "207": {
              description: "Some items failed; see each result.",
              headers: rateLimitHeaders,
              content: json(ingestResult),
            },
            ...errors(400, 401, 403, 413, 415, 429, 503),
          },
        },
        get: {
          operationId: "getArticles",
          summary: "Not readable",
          description: "This address only takes POST; GET answers 405 with a hint.",
          security: [],
          responses: errors(405),
        },
      },
      ...versionPaths(),
      ...viewPaths(),
      "/api/v1/export": {
        get: {
          operationId: "getExport",
          summary: "Export articles",
          description:
            "The same rows as the desk's list for the same filter, streamed as a file. Needs the Read scope. " +
            "The total goes out first as `X-Total-Count`.",
          parameters: queryParameters(exportQuerySchema),
          responses: {
            "200": {
              description: "The file, as an attachment.",
              headers: { "X-Total-Count": { schema: { type: "integer" } }, ...rateLimitHeaders },
              content: exportTypes,
            },
            ...errors(400, 401, 403, 413, 429, 503),
          },
        },
      },
      "/api/v1/openapi.json": {
        get: {
          operationId: "getOpenApi",
          summary: "This description",
          security: [],
          responses: { "200": { description: "The OpenAPI 3.1 document.", content: json({ type: "object" }) } },
        },
      },
    },
  };
}
