import { z } from "zod";
import { errors, json, jsonSchema, rateLimitHeaders } from "@/lib/api/openapi-schema";
import { apiCreateViewSchema, apiUpdateViewSchema, watchSettingsSchema } from "@/lib/validation/watches";

// The OpenAPI description of the saved-views API (/api/v1/views, with watches and feeds) and of an article's
// versions (/api/v1/articles/{id}/versions), built from the schemas the routes validate with.

const idParameter = (what: string) => ({
  name: "id",
  in: "path",
  required: true,
  description: `The ${what}'s id.`,
  schema: { type: "integer", minimum: 1 },
});

const versionSchema = z.object({
  version: z.number().int().meta({ description: "1 for the text first seen, then one more per change." }),
  title: z.string(),
  bodyText: z.string(),
  bodyHtml: z.string().nullable(),
  url: z.string().nullable(),
  imageHashes: z.array(z.string()).meta({ description: "Hashes of the article's images as seen in this version." }),
  seenAt: z.string().meta({ description: "When Presswatch first saw this version (ISO 8601, UTC)." }),
  seenBy: z.string().meta({ description: "What saw it: a feed poll, a page fetch, a re-check, a paste, ..." }),
  runId: z.number().int().nullable(),
});

const versionsSchema = z.object({
  articleId: z.number().int(),
  versionCount: z.number().int(),
  editedAt: z.string().nullable().meta({ description: "When an edit at the source was last seen." }),
  goneAt: z.string().nullable().meta({ description: "When the page was found gone at the source." }),
  lastSeenAt: z.string().nullable(),
  versions: z.array(versionSchema).meta({ description: "Oldest first." }),
});

export function viewSchemas() {
  return {
    ViewCreate: jsonSchema(apiCreateViewSchema, "input"),
    ViewUpdate: jsonSchema(apiUpdateViewSchema, "input"),
    WatchSettings: jsonSchema(watchSettingsSchema, "input"),
    ArticleVersions: jsonSchema(versionsSchema, "output"),
  };
}

const view = {
  type: "object",
  description: "A saved view: its name, query string as in the desk URL, sharing and your watch.",
};

export function viewPaths() {
  return {
    "/api/v1/views": {
      get: {
        operationId: "listViews",
        summary: "Saved views",
        description: "Your views and the team's shared ones, each with your watch of it. Needs the Read scope.",
        responses: {
          "200": { description: "The views.", headers: rateLimitHeaders, content: json({ type: "object" }) },
          ...errors(401, 403, 429, 503),
        },
      },
      post: {
        operationId: "createView",
        summary: "Save a view",
        description:
          "Saves a view (and optionally a watch, see WatchSettings) as the desk's Save view does. Needs the Ingest " +
          "scope and the role that may save views.",
        requestBody: { required: true, content: json({ $ref: "#/components/schemas/ViewCreate" }) },
        responses: {
          "201": { description: "The new view.", headers: rateLimitHeaders, content: json(view) },
          ...errors(400, 401, 403, 413, 415, 429, 503),
        },
      },
    },
    "/api/v1/views/{id}": {
      get: {
        operationId: "getView",
        summary: "One saved view",
        parameters: [idParameter("view")],
        responses: { "200": { description: "The view.", content: json(view) }, ...errors(401, 403, 404, 429, 503) },
      },
      patch: {
        operationId: "updateView",
        summary: "Change a view or its watch",
        description: "Only what is given changes; `watch: null` stops watching. Owners change their own views.",
        parameters: [idParameter("view")],
        requestBody: { required: true, content: json({ $ref: "#/components/schemas/ViewUpdate" }) },
        responses: {
          "200": { description: "The view as it is now.", content: json(view) },
          ...errors(400, 401, 403, 404, 415, 429, 503),
        },
      },
      delete: {
        operationId: "deleteView",
        summary: "Delete a view",
        description: "Deleting a view also stops every watch of it.",
        parameters: [idParameter("view")],
        responses: { "204": { description: "Deleted." }, ...errors(401, 403, 404, 429, 503) },
      },
    },
    "/api/v1/views/{id}/feed": {
      get: {
        operationId: "getViewFeed",
        summary: "A view as a feed",
        description:
          "The newest 100 articles of the view as Atom or JSON Feed. A Read-scoped token as a Bearer header or, for " +
          "feed readers that cannot send one, as `?token=`.",
        parameters: [
          idParameter("view"),
          { name: "format", in: "query", required: false, schema: { type: "string", enum: ["atom", "json"] } },
          { name: "token", in: "query", required: false, schema: { type: "string" } },
        ],
        responses: {
          "200": {
            description: "The feed.",
            content: {
              "application/atom+xml": { schema: { type: "string" } },
              "application/feed+json": { schema: { type: "object" } },
            },
          },
          ...errors(400, 401, 403, 404, 429, 503),
        },
      },
    },
  };
}

export function versionPaths() {
  return {
    "/api/v1/articles/{id}/versions": {
      get: {
        operationId: "getArticleVersions",
        summary: "An article's versions",
        description:
          "Every version of the article's title and text that Presswatch has seen, with when and how each was seen. " +
          "The same access as an export.",
        parameters: [idParameter("article")],
        responses: {
          "200": {
            description: "The versions.",
            headers: rateLimitHeaders,
            content: json({ $ref: "#/components/schemas/ArticleVersions" }),
          },
          ...errors(400, 401, 403, 404, 429, 503),
        },
      },
    },
  };
}
