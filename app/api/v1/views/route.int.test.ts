import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import {
  insertTestArticles,
  createTestSource,
  createTestToken,
  createTestUsers,
  deleteTestUsers,
  randomTag,
} from "@/test/factories";
import { GET as getFeed } from "./[id]/feed/route";
import { DELETE, GET as getOne, PATCH } from "./[id]/route";
import { GET, POST } from "./route";

// The views REST API and the view feeds, called with real Requests and real tokens: the role rules of the
// sidebar (owners change their own views, viewers cannot share, others' private views do not exist), zod
// validation, and the feeds' newest matches as Atom and JSON Feed, with the token as a header or `?token=`.

const TAG = randomTag("views-api-");
const WORD = randomTag("", "letters");
const tokens = { analyst: "", analystRead: "", analyst2: "", viewer: "" };
let sourceId = 0;
let articleIds: number[] = [];

function call(
  handler: (request: Request, context: { params: Promise<{ id: string }> }) => Promise<Response>,
  path: string,
  options: { token?: string; method?: string; body?: unknown; id?: number } = {},
) {
  const request = new Request(`http://test.local${path}`, {
    method: options.method ?? "GET",
    headers: {
      ...(options.token ? { authorization: `Bearer ${options.token}` } : {}),
      ...(options.body ? { "content-type": "application/json" } : {}),
    },
    body: options.body ? JSON.stringify(options.body) : undefined,
  });
  return handler(request, { params: Promise.resolve({ id: String(options.id ?? 0) }) });
}

const list = (token: string) => call((request) => GET(request), "/api/v1/views", { token });
const create = (token: string, body: unknown) =>
  call((request) => POST(request), "/api/v1/views", { token, method: "POST", body });

describe("/api/v1/views and view feeds", () => {
  beforeAll(async () => {
    const users = await createTestUsers(TAG, { analyst: "ANALYST", analyst2: "ANALYST", viewer: "VIEWER" });
    tokens.analyst = (await createTestToken(users.analyst, "views", "INGEST")).token;
    tokens.analystRead = (await createTestToken(users.analyst, "feed", "READ")).token;
    tokens.analyst2 = (await createTestToken(users.analyst2, "views", "INGEST")).token;
    tokens.viewer = (await createTestToken(users.viewer, "views", "INGEST")).token;
    const source = await createTestSource(TAG, "Feed wire");
    sourceId = source.id;
    articleIds = (
      await insertTestArticles(
        TAG,
        sourceId,
        Array.from({ length: 5 }, (_, i) => ({
          key: i,
          title: i === 4 ? `Other <item> ${TAG}` : `${WORD} & launch ${i} ${TAG}`,
          body: i === 4 ? `Nothing here ${TAG}.` : `The ${WORD} was reported, item ${i} of ${TAG}.`,
          publishedAt: new Date(Date.UTC(2095, 0, 1 + i)),
        })),
      )
    ).map((row) => row.id);
  });
  afterAll(async () => {
    await db.article.deleteMany({ where: { sourceId } });
    await deleteTestUsers(TAG);
    await db.source.delete({ where: { id: sourceId } });
  });

  it("creates, lists, changes and deletes views with the sidebar's rules", async () => {
    const made = await create(tokens.analyst, {
      name: `Launches ${TAG}`,
      query: `?q=${WORD}&source=${sourceId}`,
      shared: true,
      watch: { email: true, emailFrequency: "DAILY", digestHour: 6 },
    });
    expect(made.status).toBe(201);
    const { view } = (await made.json()) as { view: { id: number; query: string; watch: { emailFrequency: string } } };
    expect(view.query).toBe(`q=${WORD}&source=${sourceId}`);
    expect(view.watch.emailFrequency).toBe("DAILY");

    expect((await create(tokens.analyst, { name: "" })).status).toBe(400);
    expect((await create(tokens.analyst, { name: "x", shared: "yes" })).status).toBe(400);
    expect((await create(tokens.viewer, { name: `Viewer shared ${TAG}`, shared: true })).status).toBe(403);
    expect((await create(tokens.analystRead, { name: `Read token ${TAG}` })).status).toBe(403);

    const seen = (await (await list(tokens.analyst2)).json()) as { views: { id: number; mine: boolean }[] };
    expect(seen.views.find((v) => v.id === view.id)?.mine).toBe(false);

    // Another analyst may watch the shared view but not change it.
    const forbidden = await call(PATCH, "/", {
      token: tokens.analyst2,
      method: "PATCH",
      id: view.id,
      body: { name: "Mine now" },
    });
    expect(forbidden.status).toBe(403);
    const watched = await call(PATCH, "/", {
      token: tokens.analyst2,
      method: "PATCH",
      id: view.id,
      body: { watch: { webhookUrl: "https://hooks.example/a" } },
    });
    expect(watched.status).toBe(200);
    expect(
      ((await watched.json()) as { view: { watch: { webhookSecret: string } } }).view.watch.webhookSecret,
    ).toHaveLength(48);

    const patched = await call(PATCH, "/", {
      token: tokens.analyst,
      method: "PATCH",
      id: view.id,
      body: { name: `Renamed ${TAG}`, query: `q=${WORD}`, shared: false, watch: { digestHour: 9 } },
    });
    const after = (
      (await patched.json()) as {
        view: { name: string; shared: boolean; watch: { digestHour: number; emailFrequency: string } };
      }
    ).view;
    expect(after).toMatchObject({
      name: `Renamed ${TAG}`,
      shared: false,
      watch: { digestHour: 9, emailFrequency: "DAILY" },
    });
    const invalid = await call(PATCH, "/", {
      token: tokens.analyst,
      method: "PATCH",
      id: view.id,
      body: { watch: { digestHour: 30 } },
    });
    expect(invalid.status).toBe(400);
    // Private now: the other analyst no longer sees it, nor its feed.
    expect((await call(getOne, "/", { token: tokens.analyst2, id: view.id })).status).toBe(404);
    expect((await call(getFeed, `/api/v1/views/${view.id}/feed`, { token: tokens.analyst2, id: view.id })).status).toBe(
      404,
    );

    expect((await call(DELETE, "/", { token: tokens.analyst2, method: "DELETE", id: view.id })).status).toBe(404);
    expect((await call(DELETE, "/", { token: tokens.analyst, method: "DELETE", id: view.id })).status).toBe(204);
    expect(await db.watch.count({ where: { viewId: view.id } })).toBe(0);
  });

  it("serves a view's newest matches as Atom and JSON Feed, with the token in a header or the URL", async () => {
    const made = await create(tokens.analyst, { name: `Feed ${TAG}`, query: `q=${WORD}&source=${sourceId}` });
    const { view } = (await made.json()) as { view: { id: number } };
    const path = `/api/v1/views/${view.id}/feed`;

    const atom = await call(getFeed, `${path}?format=atom`, { token: tokens.analystRead, id: view.id });
    expect(atom.status).toBe(200);
    expect(atom.headers.get("content-type")).toContain("application/atom+xml");
    const xml = await atom.text();
    const ids = [...xml.matchAll(/<id>[^<]*\/articles\/(\d+)<\/id>/g)].map((m) => Number(m[1]));
    expect(ids).toEqual(articleIds.slice(0, 4).reverse());
    expect(xml).toContain(`${WORD} &#38; launch 3`);
    expect(xml).not.toContain("Other");

    const json = await call(getFeed, `${path}?format=json&token=${tokens.analystRead}`, { id: view.id });
    expect(json.status).toBe(200);
    const feed = (await json.json()) as { version: string; feed_url: string; items: { id: string }[] };
    expect(feed.version).toBe("https://jsonfeed.org/version/1.1");
    expect(feed.items.map((item) => Number(item.id))).toEqual(articleIds.slice(0, 4).reverse());
    expect(feed.feed_url).not.toContain("token");

    expect((await call(getFeed, `${path}?token=pw_wrong`, { id: view.id })).status).toBe(401);
    expect((await call(getFeed, path, { id: view.id })).status).toBe(401);
    expect((await call(getFeed, `${path}?format=rss`, { token: tokens.analystRead, id: view.id })).status).toBe(400);
  });
});
