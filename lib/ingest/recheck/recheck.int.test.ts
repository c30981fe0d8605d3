import { readFileSync } from "node:fs";
import { createServer, type IncomingMessage, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { savePage } from "@/lib/ingest/page/save-page";
import { listArticles } from "@/lib/search/list-articles";
import { parseArticleFilter } from "@/lib/validation/article-filter";
import { createTestUser, randomTag, type TestUser } from "@/test/factories";
import { recheckDueArticles } from "./recheck";

// The worker's re-check against a real HTTP server on 127.0.0.1: the page is served as first stored, then
// edited, then with a photo replaced, then answers 404. The re-check records each state (versions 1, 2, 3, then
// gone), honours ETag (304), and the desk's filters find the article.

const TAG = randomTag("rc");
const story = JSON.parse(
  readFileSync(new URL("../../../test/fixtures/kcna-stories.jsonl", import.meta.url), "utf8").split("\n")[1],
) as { title: string; body: string };
const paragraphs = story.body.split("\n").filter(Boolean);
const TITLE = `${story.title} ${TAG}`;
const EDITED = "The statement was issued in the name of the spokesman of the Foreign Ministry of the DPRK on Monday.";

type State = "original" | "edited" | "photo" | "gone";
let state: State = "original";
const requests: { state: State; ifNoneMatch: string | undefined }[] = [];

function page(current: State): string {
  const body = current === "original" ? paragraphs : [paragraphs[0], EDITED, ...paragraphs.slice(2)];
  const photo = current === "photo" ? "/photos/replaced.jpg" : "/photos/original.jpg";
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>${TITLE}</title></head><body>
    <header><nav><a href="/">Home</a> <a href="/news">News</a></nav></header>
    <article><h1>${TITLE}</h1><p class="date">2095-05-03</p>
      <figure><img src="${photo}" width="640" height="480" alt="Photo"></figure>
      ${body.map((text) => `<p>${text}</p>`).join("\n")}
    </article><footer>Copyright</footer></body></html>`;
}

let server: Server;
let base: string;
let analyst: TestUser;
const previousSetting = process.env.PRESSWATCH_ALLOW_PRIVATE_FETCH;

beforeAll(async () => {
  process.env.PRESSWATCH_ALLOW_PRIVATE_FETCH = "1";
  server = createServer((request: IncomingMessage, response) => {
    requests.push({ state, ifNoneMatch: request.headers["if-none-match"] });
    if (state === "gone") return response.writeHead(404, { "content-type": "text/plain" }).end("not found");
    const etag = `"${state}"`;
    if (request.headers["if-none-match"] === etag) return response.writeHead(304, { etag }).end();
    response.writeHead(200, { "content-type": "text/html; charset=utf-8", etag }).end(page(state));
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  analyst = await createTestUser(TAG, "recheck", { role: "ANALYST", name: `Recheck ${TAG}` });
});

afterAll(async () => {
  process.env.PRESSWATCH_ALLOW_PRIVATE_FETCH = previousSetting;
  await new Promise((resolve) => server.close(resolve));
});

/** Makes the article due now, as the schedule would in an hour, and runs one round of the re-check on it. */
async function recheckNow(articleId: number) {
  await db.article.update({ where: { id: articleId }, data: { nextCheckAt: new Date(Date.now() - 1000) } });
  return recheckDueArticles({ articleIds: [articleId] });
}

describe("re-check at the source", () => {
  it("records the page as edited, with a replaced photo, and gone, without deleting anything", async () => {
    const saved = await savePage({ url: `${base}/news/${TAG}.html`, source: `Recheck Outlet ${TAG}` }, analyst);
    expect(saved.status).toBe("created");
    const articleId = saved.articleId!;

    // Not yet due (stored a moment ago): a round leaves it alone.
    expect(await recheckDueArticles({ articleIds: [articleId] })).toEqual([]);

    expect(await recheckNow(articleId)).toEqual([{ articleId, status: "unchanged" }]);
    expect(await recheckNow(articleId)).toEqual([{ articleId, status: "not_modified" }]);
    expect(requests.at(-1)).toEqual({ state: "original", ifNoneMatch: '"original"' });

    state = "edited";
    expect(await recheckNow(articleId)).toEqual([{ articleId, status: "updated", version: 2 }]);
    state = "photo";
    expect(await recheckNow(articleId)).toEqual([{ articleId, status: "updated", version: 3 }]);
    state = "gone";
    expect(await recheckNow(articleId)).toEqual([{ articleId, status: "gone", httpStatus: 404 }]);

    const article = await db.article.findUniqueOrThrow({ where: { id: articleId } });
    expect(article.versionCount).toBe(3);
    expect(article.goneAt).not.toBeNull();
    expect(article.nextCheckAt).toBeNull();
    expect(article.bodyText).toContain(EDITED);
    const versions = await db.articleVersion.findMany({ where: { articleId }, orderBy: { version: "asc" } });
    expect(versions.map((v) => [v.version, v.seenBy])).toEqual([
      [1, "PAGE"],
      [2, "RECHECK"],
      [3, "RECHECK"],
    ]);
    expect(versions[0].bodyText).not.toContain(EDITED);
    expect(versions[1].bodyText).toContain(EDITED);
    expect(versions[2].bodyText).toBe(versions[1].bodyText);
    expect(versions[2].imageHashes).toHaveLength(1);
    expect(versions[2].imageHashes).not.toEqual(versions[1].imageHashes);

    // A gone article is not asked for again.
    expect(await recheckNow(articleId)).toEqual([]);

    const today = new Date().toISOString().slice(0, 10);
    const listed = async (changed: string) =>
      (
        await listArticles(parseArticleFilter(`changed=${changed}&from=${today}&to=${today}`).filter, {
          take: 200,
          count: false,
        })
      ).items.map((row) => row.id);
    expect(await listed("edited")).toContain(articleId);
    expect(await listed("gone")).toContain(articleId);
  });
});
