import "server-only";
import { readdir, readFile } from "node:fs/promises";
import path from "node:path";
import { gunzipSync } from "node:zlib";
import { Readability } from "@mozilla/readability";
import { decodeHtml } from "@/lib/ingest/page/charset";
import { ExtractionError, extractFromBytes } from "@/lib/ingest/page/extract";
import { tokenF1, tokenizeWords, type TokenScore } from "@/lib/ingest/page/f1";
import { parseHtmlPage } from "@/lib/ingest/page/parse-html";
import { readPlainText } from "@/lib/ingest/page/plain-text";

// The public article-extraction benchmark (Scrapinghub/Zyte): saved news pages with the article body
// marked by hand. Folder layout, licence and scoring: /work/shared/corpus/pages/zyte/SOURCE.md.

export type ZytePage = { id: string; url: string; expected: string; bytes: Uint8Array };

/**
 * "tune" (about two thirds) is where the extraction rules were looked at and adjusted, "holdout" was only
 * ever scored: the split is fixed by the page id (itself a SHA-256 of the page), so it never moves.
 */
export function halfOf(id: string): "tune" | "holdout" {
  return Number.parseInt(id.slice(0, 2), 16) % 3 === 0 ? "holdout" : "tune";
}

/** Reads `<dir>/ground-truth.json` and each page's `html/<id>.html.gz`, in id order. */
export async function loadZytePages(dir: string): Promise<ZytePage[]> {
  const truth = JSON.parse(await readFile(path.join(dir, "ground-truth.json"), "utf8")) as Record<
    string,
    { url: string; articleBody: string }
  >;
  const files = new Set(await readdir(path.join(dir, "html")));
  const ids = Object.keys(truth)
    .filter((id) => files.has(`${id}.html.gz`))
    .sort();
  return Promise.all(
    ids.map(async (id) => ({
      id,
      url: truth[id].url,
      expected: truth[id].articleBody,
      bytes: new Uint8Array(gunzipSync(await readFile(path.join(dir, "html", `${id}.html.gz`)))),
    })),
  );
}

export type Extractor = (page: ZytePage) => string;

/** Our extraction, as the worker runs it; a page it refuses scores 0. */
export const presswatchExtractor: Extractor = ({ bytes, url }) => {
  try {
    return extractFromBytes(bytes, { url }).text;
  } catch (error) {
    if (error instanceof ExtractionError) return "";
    throw error;
  }
};

/**
 * Mozilla Readability alone, as Presswatch ran it before: same decoding and parsing as ours (so the
 * difference is the extraction), its article rendered to text the same way.
 */
export const readabilityExtractor: Extractor = ({ bytes, url }) => {
  const dom = parseHtmlPage(decodeHtml(bytes).text, url);
  try {
    const article = new Readability<Element>(dom.window.document, { serializer: (node) => node as Element }).parse();
    return article?.content ? readPlainText(article.content) : "";
  } finally {
    dom.window.close();
  }
};

export type PageScore = TokenScore & { id: string; half: "tune" | "holdout"; ms: number };

/**
 * Extracts every page with each extractor and scores the text against the hand-marked body (`\w+` token
 * F1). The extractors take turns page by page, so a busy machine slows them alike.
 */
export function scorePages<Name extends string>(
  pages: ZytePage[],
  extractors: Record<Name, Extractor>,
): Record<Name, PageScore[]> {
  const names = Object.keys(extractors) as Name[];
  const scores = Object.fromEntries(names.map((name) => [name, [] as PageScore[]])) as Record<Name, PageScore[]>;
  for (const page of pages) {
    for (const name of names) {
      const started = performance.now();
      const text = extractors[name](page);
      const ms = performance.now() - started;
      scores[name].push({ id: page.id, half: halfOf(page.id), ms, ...tokenF1(page.expected, text, tokenizeWords) });
    }
  }
  return scores;
}

export type MeanScore = TokenScore & { n: number };

/** Mean precision, recall and F1 over pages (each page weighs the same, as the benchmark averages). */
export function meanScore(scores: TokenScore[]): MeanScore {
  const mean = (pick: (score: TokenScore) => number) =>
    scores.length ? scores.reduce((sum, score) => sum + pick(score), 0) / scores.length : 0;
  return {
    precision: mean((score) => score.precision),
    recall: mean((score) => score.recall),
    f1: mean((score) => score.f1),
    n: scores.length,
  };
}
