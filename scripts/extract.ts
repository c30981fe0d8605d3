import { readFile } from "node:fs/promises";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { parseArgs } from "node:util";
import { safeFetch } from "@/lib/ingest/fetch/safe-fetch";
import { extractFromBytes } from "@/lib/ingest/page/extract";

// `npm run extract -- FILE_OR_URL [--url ORIGINAL_URL]`: extracts the article of a saved page or of a URL
// (fetched with the ingestion fetcher's limits: public addresses only, 15 s, 5 MB) through the same code
// path as the worker, and prints { title, byline, published, language, text } as JSON.

const USAGE = "Usage: npm run extract -- FILE_OR_URL [--url ORIGINAL_URL]";

try {
  const { positionals, values } = parseArgs({ allowPositionals: true, options: { url: { type: "string" } } });
  if (positionals.length !== 1) throw new Error(USAGE);
  const [input] = positionals;
  if (values.url !== undefined && !/^https?:\/\//i.test(values.url))
    throw new Error(`--url must be an http(s) URL: ${values.url}`);

  const page = /^https?:\/\//i.test(input)
    ? await safeFetch(input)
    : { url: pathToFileURL(path.resolve(input)).href, contentType: null, bytes: await readFile(input) };
  const article = extractFromBytes(page.bytes, { url: values.url ?? page.url, contentType: page.contentType });
  const { title, byline, published, language, text } = article;
  console.log(JSON.stringify({ title, byline, published: published?.toISOString() ?? null, language, text }, null, 2));
} catch (error) {
  console.error(`extract: ${error instanceof Error ? error.message : String(error)}`);
  process.exitCode = 1;
}
