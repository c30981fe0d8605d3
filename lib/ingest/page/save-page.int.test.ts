import { readFileSync } from "node:fs";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { FetchError } from "@/lib/ingest/fetch/safe-fetch";
import { createTestUser, randomTag, type TestUser } from "@/test/factories";
import { describeFetchError, PageFetchError, previewPage, savePage } from "./save-page";

// A local server plays the web: the BBC fixture page (its text made this file's own by a random tag),
// a 404, a PDF and a page with no article. Loopback fetches need the explicit setting the e2e server uses.

const TAG = randomTag();
const BBC = readFileSync(
  new URL("../../../test/fixtures/pages/readability/bbc-1/source.html", import.meta.url),
  "utf8",
).replaceAll(
  "Obama admits US gun laws are his 'biggest frustration'",
  `Obama admits US gun laws are his 'biggest frustration' ${TAG}`,
);
const TITLE = `Obama admits US gun laws are his 'biggest frustration' ${TAG}`;

let server: Server;
let base: string;
let actor: TestUser;
const previousSetting = process.env.PRESSWATCH_ALLOW_PRIVATE_FETCH;

beforeAll(async () => {
  process.env.PRESSWATCH_ALLOW_PRIVATE_FETCH = "1";
  server = createServer((request, response) => {
    if (request.url === "/bbc.html")
      return response.writeHead(200, { "content-type": "text/html; charset=utf-8" }).end(BBC);
    if (request.url === "/moved") return response.writeHead(301, { location: "/bbc.html" }).end();
    if (request.url === "/report.pdf")
      return response.writeHead(200, { "content-type": "application/pdf" }).end("%PDF-1.7");
    if (request.url === "/empty.html")
      return response
        .writeHead(200, { "content-type": "text/html" })
        .end("<html><head><title>Sign in</title></head><body></body></html>");
    response.writeHead(404, { "content-type": "text/plain" }).end("not found");
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  actor = await createTestUser(TAG, "page", { role: "ANALYST", name: `Page ${TAG}` });
});

afterAll(async () => {
  process.env.PRESSWATCH_ALLOW_PRIVATE_FETCH = previousSetting;
  await new Promise((resolve) => server.close(resolve));
});

describe("previewPage", () => {
  it("shows the extracted article, the address after redirects, and the site's name as a new source", async () => {
    const preview = await previewPage(`${base}/moved`, { timeZone: "Asia/Seoul" });
    expect(preview).toMatchObject({
      url: `${base}/bbc.html`,
      title: TITLE,
      byline: "BBC News",
      published: "2015-07-24T04:36:09.000Z",
      publishedLabel: "24 Jul 2015, 13:36 GMT+9",
      language: "en",
      siteName: "BBC News",
      source: { name: "BBC News", known: false },
    });
    expect(preview.paragraphs).toHaveLength(3);
    expect(preview.paragraphs[0]).toMatch(/^President Barack Obama has admitted/);
    expect(preview.paragraphCount).toBeGreaterThan(30);
    expect(preview.warnings).toEqual([`The address redirected to ${base}/bbc.html; that address is stored.`]);
  });

  it.each([
    ["/missing", /HTTP 404 \(not found\)/],
    ["/report.pdf", /Not an HTML page \(Content-Type: application\/pdf\)/],
    ["/empty.html", /No article text found/],
  ])("explains why %s cannot be read", async (path, message) => {
    await expect(previewPage(`${base}${path}`, { timeZone: "UTC" })).rejects.toThrow(message);
  });

  it("refuses a private address unless private fetches are allowed", async () => {
    process.env.PRESSWATCH_ALLOW_PRIVATE_FETCH = "0";
    try {
      const attempt = previewPage(`${base}/bbc.html`, { timeZone: "UTC" });
      await expect(attempt).rejects.toBeInstanceOf(PageFetchError);
      await expect(previewPage(`${base}/bbc.html`, { timeZone: "UTC" })).rejects.toThrow(
        /^Blocked: the address is private, local or reserved/,
      );
    } finally {
      process.env.PRESSWATCH_ALLOW_PRIVATE_FETCH = "1";
    }
  });
});

describe("describeFetchError", () => {
  it("says in words what went wrong, for every kind of failure", () => {
    const error = (code: ConstructorParameters<typeof FetchError>[0], message = "detail.", status?: number) =>
      describeFetchError(new FetchError(code, message, { url: "https://example.org/a", status }));
    expect(error("timeout")).toBe("The site did not answer within 15 seconds. Try again later.");
    expect(error("too_large")).toBe("The page is too large: over 5 MB.");
    expect(error("blocked_address", "10.0.0.5 is a private or reserved address; not fetched.")).toBe(
      "Blocked: the address is private, local or reserved (10.0.0.5 is a private or reserved address; not fetched.) Presswatch fetches only public sites.",
    );
    expect(error("bad_status", "x", 503)).toBe("The site answered HTTP 503.");
    expect(error("network", "Could not resolve nowhere.invalid: ENOTFOUND.")).toBe(
      "Could not reach the site. Could not resolve nowhere.invalid: ENOTFOUND.",
    );
  });
});

describe("savePage", () => {
  it("stores the page once under the chosen source, as a PAGE run, and recognises it the second time", async () => {
    const source = `Page Test ${TAG}`;
    const first = await savePage({ url: `${base}/bbc.html`, source }, actor);
    expect(first).toMatchObject({ status: "created", message: "Saved: 1 new article." });
    const article = await db.article.findUniqueOrThrow({ where: { id: first.articleId! }, include: { source: true } });
    expect(article).toMatchObject({
      title: TITLE,
      byline: "BBC News",
      url: `${base}/bbc.html`,
      language: "en",
      complete: true,
    });
    expect(article.source).toMatchObject({ name: source, kind: "MANUAL" });
    expect(article.bodyHtml).toContain("<p>");
    expect(article.bodyHtml).not.toMatch(/<script|onclick=/i);
    expect(await db.ingestRun.findUniqueOrThrow({ where: { id: first.runId } })).toMatchObject({
      kind: "PAGE",
      status: "SUCCEEDED",
      label: `${base}/bbc.html`,
      triggeredById: actor.id,
      created: 1,
    });

    const second = await savePage({ url: `${base}/bbc.html`, source }, actor);
    expect(second).toMatchObject({
      status: "duplicate",
      articleId: first.articleId,
      message: "Nothing new: this article is already stored.",
    });
    expect(await db.article.count({ where: { title: TITLE } })).toBe(1);
  });

  it("records a failed fetch on the run before reporting it", async () => {
    await expect(savePage({ url: `${base}/gone-${TAG}`, source: "Page Test" }, actor)).rejects.toThrow(/HTTP 404/);
    const run = await db.ingestRun.findFirstOrThrow({
      where: { label: `${base}/gone-${TAG}` },
      include: { errors: true },
    });
    expect(run).toMatchObject({ kind: "PAGE", status: "FAILED", failed: 1 });
    expect(run.errors).toMatchObject([{ location: `${base}/gone-${TAG}`, reason: expect.stringMatching(/HTTP 404/) }]);
  });
});
