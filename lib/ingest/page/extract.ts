import "server-only";
import { AppError } from "@/lib/errors";
import { decodeHtml } from "@/lib/ingest/page/charset";
import { readMainText } from "@/lib/ingest/page/main-text";
import { inferPublishedDay } from "@/lib/ingest/page/inferred-date";
import { readPageMetadata } from "@/lib/ingest/page/metadata";
import { parseHtmlPage } from "@/lib/ingest/page/parse-html";
import { readPlainText } from "@/lib/ingest/page/plain-text";
import { sanitizeArticleHtml } from "@/lib/ingest/page/sanitize";

export type ExtractedArticle = {
  title: string;
  byline: string | null;
  published: Date | null;
  language: string | null;
  /** Plain text, one paragraph per line. */
  text: string;
  /** The article body as sanitized HTML (see sanitizeArticleHtml). */
  html: string;
  excerpt: string | null;
  siteName: string | null;
};

/** A page we refuse or that holds no article; the message is fit to show the analyst. */
export class ExtractionError extends AppError {
  override readonly status = 422;
}

// jsdom builds the whole DOM in memory (roughly 10-20x the HTML size); real article pages are well under
// 1 MB, anything past this is a feed dump, a binary mislabelled as HTML or an attack.
export const MAX_PAGE_BYTES = 5 * 1024 * 1024;

/**
 * Extracts the main article of an HTML page: Readability on the page with its chrome pruned, then line
 * rules (lib/ingest/page/main-text.ts) for the body; Readability on the page as it is for the title,
 * byline, excerpt and site name; our own reading of the page's metadata for the publication time and
 * language, which Readability covers only in part (and, for pages without date metadata such as KCNA's, the
 * day from the address or the dateline: inferred-date.ts). The page is parsed by jsdom without running scripts
 * or loading any resource; `url` is the page's address, so relative links in the article resolve against it.
 *
 * Throws ExtractionError when the page is over 5 MB, or when no article text is found. There is
 * deliberately no fallback to the whole body's text: a page with no readable article is a login wall, a
 * consent screen or a script-only shell, and storing its menus as article text would pollute search.
 */
export function extractArticle(html: string, url: string): ExtractedArticle {
  if (html.length > MAX_PAGE_BYTES) throw new ExtractionError("The page is larger than 5 MB; it was not extracted.");
  if (!URL.canParse(url)) throw new ExtractionError(`Invalid page URL: ${url}`);

  const dom = parseHtmlPage(html, url);
  try {
    const document = dom.window.document;
    // Read before Readability runs: it strips scripts (JSON-LD) and rewrites the document.
    const metadata = readPageMetadata(document);
    const pageText = document.body?.textContent ?? "";
    const { metadata: article, content, headline } = readMainText(document);
    const text = content ? readPlainText(content) : "";
    if (!content || !text) throw new ExtractionError("No article text found on the page.");
    return {
      title: clean(headline ?? article?.title) ?? "",
      byline: clean(article?.byline),
      published: metadata.published ?? inferPublishedDay(url, text, pageText),
      language: metadata.language,
      text,
      html: sanitizeArticleHtml(content.innerHTML, url),
      excerpt: clean(article?.excerpt),
      siteName: clean(article?.siteName),
    };
  } finally {
    dom.window.close();
  }
}

// Servers label HTML as octet-stream or plain text often enough; images, PDFs, JSON and the like are
// refused, since parsing them as HTML would only yield garbage "articles".
const HTML_MEDIA_TYPES = new Set(["text/html", "application/xhtml+xml", "application/octet-stream", "text/plain"]);

/**
 * The one path from fetched bytes to an article, used by the ingestion worker and `npm run extract`:
 * decodes with the page's charset (BOM, Content-Type header, <meta>, checked against the bytes), then
 * extracts. A Content-Type that is not some form of HTML is refused with ExtractionError.
 */
export function extractFromBytes(
  bytes: Uint8Array,
  { url, contentType }: { url: string; contentType?: string | null },
): ExtractedArticle {
  const mediaType = contentType?.split(";")[0].trim().toLowerCase();
  if (mediaType && !HTML_MEDIA_TYPES.has(mediaType))
    throw new ExtractionError(`Not an HTML page (Content-Type: ${mediaType}).`);
  if (bytes.byteLength > MAX_PAGE_BYTES)
    throw new ExtractionError("The page is larger than 5 MB; it was not extracted.");
  return extractArticle(decodeHtml(bytes, contentType).text, url);
}

function clean(value: string | null | undefined): string | null {
  const collapsed = value?.replace(/\s+/g, " ").trim();
  return collapsed || null;
}
