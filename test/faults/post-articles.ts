import { readFileSync } from "node:fs";

// For the fault tests: posts the articles of FAULT_ARTICLES_FILE (a JSON array in the import schema) to POST /api/v1/articles
// (the real route handler, called with a real Request) as the demo admin with an ingest token, and prints
// {"status":N,"retryAfter":...,"body":...}.
const { db } = await import("@/lib/db");
const { createApiToken } = await import("@/lib/data/tokens");
const { POST } = await import("@/app/api/v1/articles/route");

const admin = await db.user.findUniqueOrThrow({ where: { email: "admin@example.com" }, select: { id: true } });
const { token } = await createApiToken(
  { userId: admin.id, name: `fault test ${Date.now()}`, scope: "INGEST" },
  { id: null },
);
const articles = JSON.parse(readFileSync(process.env.FAULT_ARTICLES_FILE!, "utf8")) as unknown[];
const response = await POST(
  new Request("http://fault.test/api/v1/articles", {
    method: "POST",
    headers: { "content-type": "application/json", authorization: `Bearer ${token}` },
    body: JSON.stringify({ articles }),
  }),
);
const body = (await response.json()) as unknown;
console.log(JSON.stringify({ status: response.status, retryAfter: response.headers.get("retry-after"), body }));
await db.$disconnect().catch(() => undefined);
