import { parseKcnaWatchPaste } from "@/lib/ingest/paste/parse-kcna-watch";
import { languageOf, type PastedArticle } from "@/lib/ingest/paste/pasted-article";
import { validateRecord, type RecordInput, type RecordResult } from "@/lib/ingest/files/read-records";

// A saved aggregator page (text as copied from KCNA Watch, one or several articles, More From lists) read as
// article records, the way the paste panel reads it: each article a record at its title's line, each error a
// failed record at the line it names. The page is parsed whole, so it is read up to a bound.

/** Far above any page an analyst saves (the seed page is 9 kB); beyond it the file is refused, not cut. */
export const MAX_PAGE_BYTES = 20 * 1024 * 1024;
const RAW_PREVIEW = 200;

export type PageReadOptions = {
  /** The parser's notes that do not stop an article (a year assumed, lines not read). */
  onWarning?: (message: string) => void;
  now?: Date;
};

export async function* readAggregatorPage(
  input: RecordInput,
  options: PageReadOptions = {},
): AsyncGenerator<RecordResult> {
  const decoder = new TextDecoder("utf-8");
  let text = "";
  let bytes = 0;
  for await (const chunk of input) {
    const piece = typeof chunk === "string" ? Buffer.from(chunk) : chunk;
    bytes += piece.byteLength;
    if (bytes > MAX_PAGE_BYTES) {
      yield {
        line: 1,
        ok: false,
        error: `the page is larger than ${MAX_PAGE_BYTES / 1024 / 1024} MB; split it into several files`,
        raw: text.slice(0, RAW_PREVIEW),
      };
      return;
    }
    text += decoder.decode(piece, { stream: true });
  }
  text += decoder.decode();

  const lines = text.replace(/\r\n?/g, "\n").split("\n");
  const raw = (line: number) => (lines[line - 1] ?? "").trim().slice(0, RAW_PREVIEW);
  const parsed = parseKcnaWatchPaste(text, { now: options.now });
  for (const warning of parsed.warnings) options.onWarning?.(warning);

  const results: RecordResult[] = parsed.articles.map((article) =>
    validateRecord(article.line, toRecordFields(article), raw(article.line)),
  );
  for (const error of parsed.errors) {
    const located = /^Lines? (\d+)(?:–\d+)?: (.*)$/s.exec(error);
    const line = located ? Number(located[1]) : 1;
    results.push({ line, ok: false, error: located ? located[2] : error, raw: raw(line) });
  }
  yield* results.sort((a, b) => a.line - b.line);
}

/** The import schema's fields of a pasted article; `source` is the outlet, as the paste panel stores it. */
function toRecordFields(article: PastedArticle): Record<string, unknown> {
  return {
    title: article.title,
    published: article.publishedDate,
    source: article.outlet,
    url: article.url ?? undefined,
    body: article.body,
    language: languageOf(article.source),
    teaser: !article.complete,
  };
}
