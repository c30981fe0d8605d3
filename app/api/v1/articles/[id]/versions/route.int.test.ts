import { randomBytes } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { VersionSeenBy } from "@/lib/generated/prisma/enums";
import { storeArticles } from "@/lib/ingest/store";
import { createTestToken, createTestUsers, deleteTestUsers } from "@/test/factories";
import { GET as exportGet } from "@/app/api/v1/export/route";
import { GET } from "./route";

// The versions route and the JSON exports with real Requests against the run's test database: one article of
// this file's own outlet (2094) stored, then changed under its URL.

const TAG = `v${randomBytes(4).toString("hex")}`;
const USERS = `versions-api-${TAG}`;
const tokens = { read: "", revoked: "" };
let articleId = 0;

const BODY =
  "Pyongyang, March 2 (KCNA) -- A national meeting of model farmers was held in Pyongyang on Monday.\n" +
  "Reports were made at the meeting on the results of last year's farming and on the tasks for this year.\n" +
  "The participants resolved to raise the grain output in every cooperative farm of the country.";

function versionsGet(id: string | number, token: string | null = tokens.read): Promise<Response> {
  return GET(
    new Request(`http://test.local/api/v1/articles/${id}/versions`, {
      headers: token ? { authorization: `Bearer ${token}` } : {},
    }),
    { params: Promise.resolve({ id: String(id) }) },
  );
}

describe("GET /api/v1/articles/{id}/versions", () => {
  beforeAll(async () => {
    const users = await createTestUsers(USERS, { viewer: "VIEWER" });
    tokens.read = (await createTestToken(users.viewer, `${USERS}-read`, "READ")).token;
    tokens.revoked = (await createTestToken(users.viewer, `${USERS}-revoked`, "READ", { revoked: true })).token;
    const item = {
      title: `Meeting of model farmers ${TAG}`,
      body: BODY,
      publishedAt: new Date("2094-03-02T00:00:00Z"),
      source: `Versions API Outlet ${TAG}`,
      url: `https://versions-api.example/${TAG}/farmers`,
    };
    const [created] = await storeArticles([item], { seenBy: VersionSeenBy.FEED });
    articleId = created.articleId!;
    const [updated] = await storeArticles(
      [{ ...item, title: `National meeting of model farmers ${TAG}`, body: `${BODY}\nA letter was sent.` }],
      { seenBy: VersionSeenBy.RECHECK },
    );
    expect(updated.status).toBe("updated");
  });

  afterAll(async () => {
    await deleteTestUsers(USERS);
  });

  it("returns every version, oldest first, with when and what saw it", async () => {
    const response = await versionsGet(articleId);
    expect(response.status).toBe(200);
    const body = await response.json();
    expect(body).toMatchObject({ articleId, versionCount: 2, goneAt: null });
    expect(typeof body.editedAt).toBe("string");
    expect(body.versions.map((v: { version: number; seenBy: string }) => [v.version, v.seenBy])).toEqual([
      [1, "FEED"],
      [2, "RECHECK"],
    ]);
    expect(body.versions[0].bodyText).toBe(BODY);
    expect(body.versions[1].title).toBe(`National meeting of model farmers ${TAG}`);
  });

  it("answers 401 without credentials or with a revoked token, 404 and 400 for bad ids", async () => {
    expect((await versionsGet(articleId, null)).status).toBe(401);
    expect((await versionsGet(articleId, tokens.revoked)).status).toBe(401);
    expect((await versionsGet(2_000_000_000)).status).toBe(404);
    expect((await versionsGet("abc")).status).toBe(400);
  });

  it("puts the version count in every export and every version in JSON and NDJSON", async () => {
    const get = (format: string) =>
      exportGet(
        new Request(`http://test.local/api/v1/export?format=${format}&ids=${articleId}`, {
          headers: { authorization: `Bearer ${tokens.read}` },
        }),
      );
    const [record] = await (await get("json")).json();
    expect(record).toMatchObject({ id: articleId, versionCount: 2 });
    expect(record.versions.map((v: { version: number; title: string }) => v.version)).toEqual([1, 2]);
    const line = JSON.parse((await (await get("ndjson")).text()).trim().split("\n")[0]);
    expect(line.versions).toHaveLength(2);
    const csv = await (await get("csv")).text();
    expect(csv.split("\r\n")[0]).toContain('"Versions"');
    expect(csv.split("\r\n")[1]).toMatch(/"2"$/);
  });
});
