import { randomBytes } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { createTestToken, createTestUsers, deleteTestUsers } from "@/test/factories";
import { GET, POST } from "./route";

// The route handler called with real Request objects against the run's test database. Every article
// carries this file's random tag and a day in 2093, so no other test file's stories can match it.

const TAG = randomBytes(4).toString("hex");
const USERS = `route-int-${TAG}`;
const PREFIX = `${USERS}-`;
const SOURCE = `Route Test Outlet ${TAG}`;
const tokens: Record<"ingest" | "read" | "viewer" | "revoked", string> = {
  ingest: "",
  read: "",
  viewer: "",
  revoked: "",
};
let ingestTokenId = 0;
let analystId = 0;

type Body = {
  runId: number;
  results: { index: number; status: string; id?: number; error?: string }[];
  created: number;
  duplicates: number;
  failed: number;
};

function article(n: number, overrides: Record<string, unknown> = {}) {
  return {
    title: `Route test story ${n} [${TAG}]`,
    published: `2093-03-${String((n % 28) + 1).padStart(2, "0")}`,
    source: SOURCE,
    url: `https://route-test.example/${TAG}/${n}`,
    body: `Pyongyang, March ${(n % 28) + 1} (KCNA) -- Story ${n} of the route test ${TAG}.`,
    ...overrides,
  };
}

function post(
  body: BodyInit | null,
  token: string | null = tokens.ingest,
  headers: Record<string, string> = {},
): Promise<Response> {
  return POST(
    new Request("http://test.local/api/v1/articles", {
      method: "POST",
      headers: {
        "content-type": "application/json",
        ...(token ? { authorization: `Bearer ${token}` } : {}),
        ...headers,
      },
      body,
      duplex: "half",
    } as RequestInit),
  );
}

const postJson = (value: unknown, token?: string | null) => post(JSON.stringify(value), token);

async function runsOfToken(): Promise<number> {
  return db.ingestRun.count({ where: { label: `API: ${PREFIX}ingest` } });
}

describe("POST /api/v1/articles", () => {
  beforeAll(async () => {
    const users = await createTestUsers(USERS, { analyst: "ANALYST", viewer: "VIEWER" });
    analystId = users.analyst.id;
    const ingest = await createTestToken(users.analyst, `${PREFIX}ingest`, "INGEST");
    ingestTokenId = ingest.id;
    tokens.ingest = ingest.token;
    tokens.read = (await createTestToken(users.analyst, `${PREFIX}read`, "READ")).token;
    tokens.viewer = (await createTestToken(users.viewer, `${PREFIX}viewer`, "INGEST")).token;
    tokens.revoked = (await createTestToken(users.analyst, `${PREFIX}revoked`, "INGEST", { revoked: true })).token;
  });

  afterAll(async () => {
    await db.article.deleteMany({ where: { source: { name: SOURCE } } });
    await db.source.deleteMany({ where: { name: SOURCE } });
    await db.ingestRun.deleteMany({ where: { label: { startsWith: `API: ${PREFIX}` } } });
    await deleteTestUsers(USERS);
  });

  it("stores a good batch: 200, one result per item, one API run, one audit event", async () => {
    const response = await postJson({ articles: [article(1), article(2, { language: "KO" })] });
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toMatch(/^application\/json/);
    const body = (await response.json()) as Body;
    expect(body).toMatchObject({ created: 2, duplicates: 0, failed: 0 });
    expect(body.results.map((r) => [r.index, r.status])).toEqual([
      [0, "created"],
      [1, "created"],
    ]);

    const stored = await db.article.findMany({
      where: { id: { in: body.results.map((r) => r.id!) } },
      include: { source: true },
      orderBy: { title: "asc" },
    });
    expect(stored.map((a) => [a.title, a.source.name, a.language, a.publishedAt.toISOString()])).toEqual([
      [`Route test story 1 [${TAG}]`, SOURCE, "en", "2093-03-02T00:00:00.000Z"],
      [`Route test story 2 [${TAG}]`, SOURCE, "ko", "2093-03-03T00:00:00.000Z"],
    ]);
    const run = await db.ingestRun.findUniqueOrThrow({ where: { id: body.runId } });
    expect(run).toMatchObject({
      kind: "API",
      status: "SUCCEEDED",
      label: `API: ${PREFIX}ingest`,
      triggeredById: analystId,
      fetched: 2,
      created: 2,
      total: 2,
    });
    expect(run.finishedAt).toBeInstanceOf(Date);
    const audit = await db.auditEvent.findFirstOrThrow({
      where: { action: "api.ingest", targetId: String(body.runId) },
    });
    expect(audit).toMatchObject({ actorId: analystId, targetType: "ingest_run" });
    expect(audit.meta).toMatchObject({
      via: "token",
      tokenId: ingestTokenId,
      total: 2,
      created: 2,
      duplicates: 0,
      failed: 0,
    });
  });

  it("is idempotent: the same batch again answers 200 with every item a duplicate of the same article", async () => {
    const batch = { articles: [article(3), article(4)] };
    const first = (await (await postJson(batch)).json()) as Body;
    const again = await postJson(batch);
    expect(again.status).toBe(200);
    const body = (await again.json()) as Body;
    expect(body).toMatchObject({ created: 0, duplicates: 2, failed: 0 });
    expect(body.results).toEqual(first.results.map((r) => ({ index: r.index, status: "duplicate", id: r.id })));
    expect(await db.article.count({ where: { title: { in: [article(3).title, article(4).title] } } })).toBe(2);
  });

  it("stores an item marked teaser as incomplete, and its full text later completes it", async () => {
    const teaser = article(40, {
      teaser: true,
      url: null,
      body: `Pyongyang, March 13 (KCNA) -- The start of story 40 ${TAG}`,
    });
    const first = (await (await postJson({ articles: [teaser] })).json()) as Body;
    expect(first.results[0]).toMatchObject({ status: "created" });
    const stored = await db.article.findUniqueOrThrow({ where: { id: first.results[0].id } });
    expect(stored).toMatchObject({ complete: false, url: null });
    const full = (await (await postJson({ articles: [article(40, { url: null })] })).json()) as Body;
    expect(full.results[0]).toEqual({ index: 0, status: "completed", id: stored.id });
    expect((await db.article.findUniqueOrThrow({ where: { id: stored.id } })).complete).toBe(true);
  });

  it("answers 207 when an item fails, storing the good ones and recording the bad ones on the run", async () => {
    const response = await postJson({
      articles: [article(5), article(6, { published: "yesterday" }), article(7), 42, article(8, { url: "ftp://x" })],
    });
    expect(response.status).toBe(207);
    const body = (await response.json()) as Body;
    expect(body).toMatchObject({ created: 2, duplicates: 0, failed: 3 });
    expect(body.results[1]).toEqual({
      index: 1,
      status: "failed",
      error: 'published: expected a date like 2024-08-04, got "yesterday"',
    });
    expect(body.results[3]).toEqual({
      index: 3,
      status: "failed",
      error: "expected an object with title, published, source and body, got 42",
    });
    expect(body.results[4]).toMatchObject({
      index: 4,
      status: "failed",
      error: 'url: expected an http(s) address, got "ftp://x"',
    });
    expect([body.results[0].status, body.results[2].status]).toEqual(["created", "created"]);
    expect(await db.article.count({ where: { title: { in: [article(5).title, article(7).title] } } })).toBe(2);
    expect(await db.article.count({ where: { title: { in: [article(6).title, article(8).title] } } })).toBe(0);

    const run = await db.ingestRun.findUniqueOrThrow({
      where: { id: body.runId },
      include: { errors: { orderBy: { location: "asc" } } },
    });
    expect(run).toMatchObject({ status: "PARTIAL", fetched: 5, created: 2, failed: 3 });
    expect(run.errors.map((e) => [e.location, e.excerpt])).toEqual([
      ["articles[1]", article(6).title],
      ["articles[3]", "42"],
      ["articles[4]", article(8).title],
    ]);
  });

  it("answers 400 for a body that is not JSON or not {articles: [...]}, and records no run", async () => {
    const before = await runsOfToken();
    const cases: [BodyInit, RegExp][] = [
      ['{"articles": [', /^The body is not valid JSON: /],
      ["", /^The body is empty/],
      [JSON.stringify([article(9)]), /must be a JSON object like/],
      [JSON.stringify({ articles: { 0: article(9) } }), /"articles" must be an array of articles, got an object/],
      [JSON.stringify({ articles: [] }), /"articles" is empty/],
      [new Uint8Array([0x7b, 0xff, 0xfe, 0x7d]), /not valid UTF-8/],
    ];
    for (const [payload, message] of cases) {
      const response = await post(payload);
      expect(response.status, String(payload)).toBe(400);
      expect(((await response.json()) as { error: string }).error).toMatch(message);
    }
    expect(await runsOfToken()).toBe(before);
  });

  it("takes 1,000 articles in one request and refuses 1,001 with 400", async () => {
    const thousand = Array.from({ length: 1000 }, (_, i) => article(1000 + i));
    const started = performance.now();
    const response = await postJson({ articles: thousand });
    const seconds = (performance.now() - started) / 1000;
    expect(response.status).toBe(200);
    expect(((await response.json()) as Body).created).toBe(1000);
    console.log(`api.ingest_1000: ${seconds.toFixed(2)} s (${Math.round(1000 / seconds)} articles/s)`);

    const over = await postJson({ articles: [...thousand, article(9999)] });
    expect(over.status).toBe(400);
    expect(await over.json()).toEqual({ error: "Send at most 1,000 articles per request; this one has 1,001." });
  });

  it("answers 413 past 20 MB, whether declared or streamed, without reading the rest", async () => {
    const declared = await post("{}", tokens.ingest, { "content-length": String(21 * 1024 * 1024) });
    expect(declared.status).toBe(413);

    let pulled = 0;
    const megabyte = new Uint8Array(1024 * 1024).fill(0x61);
    const stream = new ReadableStream<Uint8Array>({
      pull(controller) {
        pulled++;
        if (pulled > 100) controller.close();
        else controller.enqueue(megabyte);
      },
    });
    const before = await runsOfToken();
    const streamed = await post(stream);
    expect(streamed.status).toBe(413);
    expect(((await streamed.json()) as { error: string }).error).toBe(
      "The body is larger than 20 MB: send fewer articles per request.",
    );
    expect(pulled).toBeLessThanOrEqual(23);
    expect(await runsOfToken()).toBe(before);
  });

  it("answers 401 with a Bearer challenge without a token, or with an unknown or revoked one", async () => {
    for (const [token, message] of [
      [null, "Send an API token as `Authorization: Bearer <token>`, or sign in."],
      ["pw_" + "A".repeat(43), "Unknown API token."],
      [tokens.revoked, "This API token has been revoked."],
    ] as const) {
      const response = await postJson({ articles: [article(10)] }, token);
      expect(response.status).toBe(401);
      expect(response.headers.get("www-authenticate")).toBe('Bearer realm="presswatch"');
      expect(await response.json()).toEqual({ error: message });
    }
    expect(await db.article.count({ where: { title: article(10).title } })).toBe(0);
  });

  it("answers 403 to a READ token and to a viewer's INGEST token", async () => {
    for (const token of [tokens.read, tokens.viewer]) {
      const response = await postJson({ articles: [article(11)] }, token);
      expect(response.status).toBe(403);
      expect(response.headers.get("www-authenticate")).toBeNull();
    }
    expect(await db.article.count({ where: { title: article(11).title } })).toBe(0);
  });

  it("answers GET with 405 and the allowed method", async () => {
    const response = GET();
    expect(response.status).toBe(405);
    expect(response.headers.get("allow")).toBe("POST");
  });
});
