import { randomBytes } from "node:crypto";
import { parse } from "csv-parse/sync";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { listArticles } from "@/lib/search/list-articles";
import { parseArticleFilter } from "@/lib/validation/article-filter";
import {
  createTestSource,
  createTestTheme,
  createTestToken,
  createTestUsers,
  deleteTestUsers,
  insertTestArticles,
} from "@/test/factories";
import { GET } from "./route";

// The export route called with real Requests against the run's test database. This file's 60 articles
// sit in 2091 and carry a random tag word, so no other test's rows fall inside its filters.

const TAG = `x${randomBytes(4).toString("hex")}`;
const USERS = `export-int-${TAG}`;
const PREFIX = `${USERS}-`;
const SOURCE = `Export Test Outlet ${TAG}`;
const YEAR = "from=2091-01-01&to=2091-12-31";
const tokens = { read: "", viewer: "", revoked: "", inactive: "" };
let analystId = 0;
let themeId = 0;
let tagId = 0;
const articleIds: number[] = [];

async function exportGet(query: string, token: string | null = tokens.read): Promise<Response> {
  return GET(
    new Request(`http://test.local/api/v1/export?${query}`, {
      headers: token ? { authorization: `Bearer ${token}` } : {},
    }),
  );
}

/** Every id the list shows for the query, page after page. */
async function listedIds(query: string): Promise<number[]> {
  const ids: number[] = [];
  let cursor: string | undefined;
  do {
    const { filter } = parseArticleFilter(cursor ? `${query}&cursor=${cursor}` : query);
    const page = await listArticles(filter, { take: 7, count: false });
    ids.push(...page.items.map((item) => item.id));
    cursor = page.nextCursor ?? undefined;
  } while (cursor);
  return ids;
}

async function latestExportAudit() {
  return db.auditEvent.findFirst({ where: { action: "articles.export", actorId: analystId }, orderBy: { id: "desc" } });
}

describe("GET /api/v1/export", () => {
  beforeAll(async () => {
    const users = await createTestUsers(USERS, { analyst: "ANALYST", viewer: "VIEWER", inactive: "ANALYST" });
    analystId = users.analyst.id;
    tokens.read = (await createTestToken(users.analyst, `${PREFIX}read`, "READ")).token;
    tokens.viewer = (await createTestToken(users.viewer, `${PREFIX}viewer`, "READ")).token;
    tokens.inactive = (await createTestToken(users.inactive, `${PREFIX}inactive`, "READ")).token;
    await db.user.update({ where: { id: users.inactive.id }, data: { active: false } });
    tokens.revoked = (await createTestToken(users.analyst, `${PREFIX}revoked`, "READ", { revoked: true })).token;

    const source = await createTestSource(TAG, "Export Test Outlet");
    const theme = await createTestTheme(TAG, "Export theme");
    const tag = await db.tag.create({ data: { name: `export-tag-${TAG}` } });
    themeId = theme.id;
    tagId = tag.id;
    const filler = "Pyongyang reports on the harvest and the missile programme. ".repeat(80);
    const created = await insertTestArticles(
      TAG,
      source.id,
      Array.from({ length: 60 }, (_, n) => ({
        key: n,
        title: n % 5 === 0 ? `=SUM(A1) "Launch", 미사일 ${n} ${TAG}` : `Export story ${n} ${TAG}`,
        url: `https://export-test.example/${TAG}/${n}`,
        body: `${n % 3 === 0 ? "missile launch" : "harvest"} ${TAG}\n${filler}`,
        excerpt: `Excerpt ${n}`,
        // Pairs of articles share a timestamp, so the keyset's id tie-break is exercised.
        publishedAt: new Date(Date.UTC(2091, Math.floor(n / 2) % 12, 1 + (Math.floor(n / 2) % 27), 12)),
        reviewStatus: n % 4 === 0 ? "FLAGGED" : "NEW",
      })),
    );
    articleIds.push(...created.map((article) => article.id));
    await db.articleTheme.createMany({
      data: created
        .filter((_, n) => n % 2 === 0)
        .map((a) => ({ articleId: a.id, themeId, origin: "MANUAL" as const, publishedAt: a.publishedAt })),
    });
    await db.articleTag.createMany({
      data: created.filter((_, n) => n % 3 === 1).map((a) => ({ articleId: a.id, tagId, publishedAt: a.publishedAt })),
    });
    await db.annotation.createMany({
      data: created.slice(0, 10).map((a) => ({
        articleId: a.id,
        authorId: analystId,
        note: `Note on ${a.id}`,
        exact: "harvest",
        startOffset: 0,
        endOffset: 7,
      })),
    });
  });

  afterAll(async () => {
    await db.article.deleteMany({ where: { source: { name: SOURCE } } });
    await db.source.deleteMany({ where: { name: SOURCE } });
    await db.theme.deleteMany({ where: { slug: `export-theme-${TAG}` } });
    await db.tag.deleteMany({ where: { name: `export-tag-${TAG}` } });
    await deleteTestUsers(USERS);
  });

  it.each([
    [`${YEAR}&source=SRC`],
    [`q=${TAG}`],
    [`q=${TAG} missile`],
    [`theme=THEME&${YEAR}`],
    [`tag=TAG&q=${TAG}`],
    [`tag=TAG&tagMode=none&source=SRC`],
    [`status=flagged&source=SRC`],
    [`annotated=yes&source=SRC&sort=oldest`],
    [`from=2091-03-01&to=2091-06-30&source=SRC&sort=oldest`],
  ])("holds exactly the rows the list shows, in its order, for %s", async (template) => {
    const sourceId = (await db.source.findUniqueOrThrow({ where: { name: SOURCE } })).id;
    const query = template
      .replace("SRC", String(sourceId))
      .replace("THEME", String(themeId))
      .replace("TAG", String(tagId));
    const expected = await listedIds(query);
    expect(expected.length).toBeGreaterThan(0);
    expect(expected.every((id) => articleIds.includes(id))).toBe(true);
    const response = await exportGet(`format=ndjson&${query}`);
    expect(response.status).toBe(200);
    expect(response.headers.get("x-total-count")).toBe(String(expected.length));
    const rows = (await response.text())
      .trim()
      .split("\n")
      .map((line) => JSON.parse(line) as { id: number });
    expect(rows.map((row) => row.id)).toEqual(expected);
  });

  it("streams a CSV with a BOM, a descriptive file name, neutralised formulas, and writes the audit event with the row count", async () => {
    const response = await exportGet(`format=csv&columns=date,title,annotations&q=${TAG}&${YEAR}`);
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toBe("text/csv; charset=utf-8");
    const today = new Date().toISOString().slice(0, 10);
    expect(response.headers.get("content-disposition")).toBe(
      `attachment; filename="presswatch-${TAG}-2091-01-01_2091-12-31-${today}.csv"`,
    );
    const bytes = Buffer.from(await response.arrayBuffer());
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const rows = parse(bytes.toString("utf8"), { bom: true }) as string[][];
    expect(rows[0]).toEqual(["Date", "Title", "Annotation count"]);
    expect(rows).toHaveLength(61);
    const formula = rows.find((row) => row[1].includes("SUM"))!;
    expect(formula[1]).toMatch(/^'=SUM\(A1\) "Launch", 미사일 \d+ /);
    expect(rows.slice(1).reduce((sum, row) => sum + Number(row[2]), 0)).toBe(10);

    const audit = await latestExportAudit();
    expect(audit?.meta).toMatchObject({
      format: "csv",
      rows: 60,
      outcome: "complete",
      via: "token",
      filter: `q=${TAG}&from=2091-01-01&to=2091-12-31`,
    });
  });

  it("exports chosen ids, and the annotations of a selection as W3C JSON-LD", async () => {
    const chosen = articleIds.slice(0, 3);
    const json = await exportGet(`format=json&ids=${chosen.join(",")}`);
    const records = (await json.json()) as { id: number; bodyText: string; annotations: unknown[] }[];
    expect(records.map((record) => record.id).sort((a, b) => a - b)).toEqual([...chosen].sort((a, b) => a - b));
    expect(records[0].bodyText).toContain(TAG);
    expect(json.headers.get("content-disposition")).toMatch(/filename="presswatch-selected-3-\d{4}-\d{2}-\d{2}\.json"/);

    const ld = await exportGet(`format=annotations&ids=${articleIds.slice(0, 12).join(",")}`);
    expect(ld.headers.get("content-type")).toMatch(/^application\/ld\+json/);
    const collection = (await ld.json()) as { type: string; first: { items: { target: { source: string } }[] } };
    expect(collection.type).toBe("AnnotationCollection");
    expect(collection.first.items).toHaveLength(10);
  });

  it("serves briefs as Markdown and HTML", async () => {
    const sourceId = (await db.source.findUniqueOrThrow({ where: { name: SOURCE } })).id;
    const html = await exportGet(`format=html&group=theme&source=${sourceId}&annotated=yes`);
    expect(html.headers.get("content-type")).toBe("text/html; charset=utf-8");
    const text = await html.text();
    expect(text).toContain(`<h2>Export theme ${TAG}</h2>`);
    expect(text).toContain("<blockquote>harvest</blockquote>");
    const md = await (await exportGet(`format=md&group=day&source=${sourceId}`)).text();
    expect(md).toContain("## 2091-12-");
  });

  it("lets a viewer's READ token export, and refuses revoked tokens, deactivated owners and anonymous callers", async () => {
    expect((await exportGet(`format=ndjson&q=${TAG}`, tokens.viewer)).status).toBe(200);
    for (const token of [tokens.revoked, tokens.inactive, null]) {
      const response = await exportGet(`format=csv&q=${TAG}`, token);
      expect(response.status).toBe(401);
    }
  });

  it("rejects an unknown format and bad ids with 400", async () => {
    expect((await exportGet("format=xlsx")).status).toBe(400);
    expect((await exportGet("format=csv&ids=1,abc")).status).toBe(400);
  });

  it("records an aborted download with the rows read so far", async () => {
    const response = await exportGet(`format=ndjson&q=${TAG}`);
    const reader = response.body!.getReader();
    const first = await reader.read();
    expect(first.done).toBe(false);
    await reader.cancel();
    const audit = await latestExportAudit();
    const meta = audit?.meta as { outcome: string; rows: number };
    expect(meta.outcome).toBe("aborted");
    // Rows are read a batch (1,000) at a time: this export's 60 rows are one batch.
    expect(meta.rows).toBeGreaterThan(0);
    expect(meta.rows).toBeLessThanOrEqual(60);
  });
});
