import packageJson from "@/package.json";
import { buildOpenApiDocument } from "@/lib/api/openapi";

// GET /api/v1/openapi.json: the API's description (lib/api/openapi.ts). Public: it describes the API and holds
// no data.
export function GET(): Response {
  return Response.json(buildOpenApiDocument(packageJson.version), { headers: { "Cache-Control": "no-store" } });
}
