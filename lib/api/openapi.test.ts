import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { compileErrors, validate } from "@readme/openapi-parser";
import { describe, expect, it } from "vitest";
import { buildOpenApiDocument } from "@/lib/api/openapi";
import { GET } from "@/app/api/v1/openapi.json/route";

// The API description is a valid OpenAPI 3.1 document, and it leaves out no route handler under app/api/v1:
// the folder is walked, each route.ts's exported methods read, and each must be in the document.

const API_ROOT = path.resolve("app/api/v1");
const METHODS = ["GET", "POST", "PUT", "PATCH", "DELETE"] as const;

function routeFiles(folder: string): string[] {
  return readdirSync(folder, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(folder, entry.name);
    if (entry.isDirectory()) return routeFiles(full);
    return entry.name === "route.ts" ? [full] : [];
  });
}

/** app/api/v1/runs/[id]/route.ts -> /api/v1/runs/{id} */
function urlPath(file: string): string {
  const folder = path.relative(path.resolve("app"), path.dirname(file)).split(path.sep);
  return `/${folder.map((segment) => segment.replace(/^\[(.+)\]$/, "{$1}")).join("/")}`;
}

function exportedMethods(file: string): string[] {
  const source = readFileSync(file, "utf8");
  return METHODS.filter((method) =>
    new RegExp(`export\\s+(const|(async\\s+)?function)\\s+${method}\\b`).test(source),
  ).map((method) => method.toLowerCase());
}

describe("OpenAPI document", () => {
  const document = buildOpenApiDocument("test");

  it("is valid OpenAPI 3.1", async () => {
    const result = await validate(structuredClone(document) as never);
    expect(result.valid, result.valid ? "" : compileErrors(result)).toBe(true);
    expect(document.openapi).toBe("3.1.0");
  });

  it("describes every route handler under app/api/v1 with exactly its methods", () => {
    const files = routeFiles(API_ROOT);
    expect(files.length).toBeGreaterThanOrEqual(3);
    const paths = document.paths as Record<string, Record<string, unknown>>;
    for (const file of files) {
      const url = urlPath(file);
      expect(paths[url], `${url} (${path.relative(process.cwd(), file)}) is in the document`).toBeDefined();
      expect(Object.keys(paths[url]).sort(), `${url}'s methods`).toEqual(exportedMethods(file).sort());
    }
    expect(Object.keys(paths).sort()).toEqual(files.map(urlPath).sort());
  });

  it("takes the article schema from the one the ingest route validates with", () => {
    const schemas = document.components.schemas as Record<string, { required?: string[]; properties?: object }>;
    expect(schemas.Article.required).toEqual(["title", "published", "source", "body"]);
    expect(Object.keys(schemas.Article.properties!)).toEqual(
      expect.arrayContaining(["title", "published", "source", "url", "body", "language", "teaser"]),
    );
    const exportParameters = document.paths["/api/v1/export"].get.parameters as { name: string; required: boolean }[];
    expect(exportParameters.find((parameter) => parameter.name === "format")?.required).toBe(true);
    expect(exportParameters.map((parameter) => parameter.name)).toEqual(
      expect.arrayContaining(["q", "from", "to", "theme"]),
    );
  });

  it("is served at GET /api/v1/openapi.json", async () => {
    const response = GET();
    expect(response.status).toBe(200);
    const served = (await response.json()) as { openapi: string; paths: object };
    expect(served.openapi).toBe("3.1.0");
    expect(Object.keys(served.paths)).toEqual(Object.keys(document.paths));
  });
});
