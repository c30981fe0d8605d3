import "server-only";
import { readdir, readFile } from "node:fs/promises";
import path from "node:path";
import { JSDOM, VirtualConsole } from "jsdom";
import { extractFromBytes, type ExtractedArticle } from "@/lib/ingest/page/extract";
import { tokenF1, type TokenScore } from "@/lib/ingest/page/f1";
import { readPlainText } from "@/lib/ingest/page/plain-text";

/** expected-metadata.json of a Mozilla Readability test page (the fields we check). */
export type ReadabilityExpectedMetadata = {
  title: string | null;
  byline: string | null;
  lang?: string | null;
  excerpt: string | null;
  siteName: string | null;
  publishedTime: string | null;
};

export type ReadabilityPageScore = TokenScore & {
  page: string;
  article: ExtractedArticle;
  expectedText: string;
  expectedMetadata: ReadabilityExpectedMetadata;
};

// The address Readability's own test suite gives these pages; their expected.html links resolve against it.
const FIXTURE_URL = "http://fakehost/test/page.html";

/**
 * Extracts every page of a Readability fixture folder (<page>/source.html, expected.html,
 * expected-metadata.json) through extractFromBytes, and scores its text against the expected article's
 * text (expected.html read block by block, the same way our text is produced).
 */
export async function scoreReadabilityPages(fixturesDir: string): Promise<ReadabilityPageScore[]> {
  const entries = await readdir(fixturesDir, { withFileTypes: true });
  const pages = entries
    .filter((entry) => entry.isDirectory())
    .map((entry) => entry.name)
    .sort();
  const scores: ReadabilityPageScore[] = [];
  for (const page of pages) {
    const dir = path.join(fixturesDir, page);
    const [source, expectedHtml, metadataJson] = await Promise.all([
      readFile(path.join(dir, "source.html")),
      readFile(path.join(dir, "expected.html"), "utf8"),
      readFile(path.join(dir, "expected-metadata.json"), "utf8"),
    ]);
    const article = extractFromBytes(source, { url: FIXTURE_URL });
    const expectedText = readHtmlText(expectedHtml);
    scores.push({
      page,
      article,
      expectedText,
      expectedMetadata: JSON.parse(metadataJson) as ReadabilityExpectedMetadata,
      ...tokenF1(expectedText, article.text),
    });
  }
  return scores;
}

/** Token F1 per page of a Readability fixture folder, for the benchmark (`extract.<page>.f1`). */
export async function measureReadabilityF1(fixturesDir: string): Promise<Array<{ page: string; f1: number }>> {
  return (await scoreReadabilityPages(fixturesDir)).map(({ page, f1 }) => ({ page, f1 }));
}

function readHtmlText(html: string): string {
  const dom = new JSDOM(html, { url: FIXTURE_URL, virtualConsole: new VirtualConsole() });
  try {
    return readPlainText(dom.window.document.body);
  } finally {
    dom.window.close();
  }
}
