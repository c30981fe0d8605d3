import { readFile } from "node:fs/promises";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { safeFetch } from "@/lib/ingest/fetch/safe-fetch";
import { extractFromBytes } from "@/lib/ingest/page/extract";
import { parseInputArgs } from "./lib/input-args";

// `npm run extract -- FILE_OR_URL [--url ORIGINAL_URL]`: extracts the article of a saved page or of a URL
// (fetched with the ingestion fetcher's limits: public addresses only, 15 s, 5 MB) through the same code
// path as the worker, and prints { title, byline, published, language, text } as JSON.

const USAGE = "Usage: npm run extract -- FILE_OR_URL [--url ORIGINAL_URL]";

try {
  const { input, isUrl, url } = parseInputArgs(USAGE);

  const page = isUrl
    ? await safeFetch(input)
    : { url: pathToFileURL(path.resolve(input)).href, contentType: null, bytes: await readFile(input) };
  const article = extractFromBytes(page.bytes, { url: url ?? page.url, contentType: page.contentType });
  const { title, byline, published, language, text } = article;
  console.log(JSON.stringify({ title, byline, published: published?.toISOString() ?? null, language, text }, null, 2));
} catch (error) {
  console.error(`extract: ${error instanceof Error ? error.message : String(error)}`);
  process.exitCode = 1;
}
