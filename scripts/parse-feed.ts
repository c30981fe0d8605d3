import { readFile } from "node:fs/promises";
import { parseArgs } from "node:util";
import { fetchFeedBytes } from "@/lib/ingest/feed/fetch-feed";
import { reportFeed } from "@/lib/ingest/feed/feed-report";

// `npm run parse-feed -- FILE_OR_URL [--url ORIGINAL_URL]`: prints a feed as the worker would store it, as
// JSON {"title", "link", "format", "charset", "items": [{"title", "link", "published", "text"}]}, so an
// admin can see why a source misbehaves. A URL is fetched as the worker fetches it (public addresses only,
// 30 s, 10 MB, with its Content-Type); a local file is read as if served with no Content-Type header, its
// relative links resolved against --url when given.

const USAGE = "Usage: npm run parse-feed -- FILE_OR_URL [--url ORIGINAL_URL]";

try {
  const { positionals, values } = parseArgs({ allowPositionals: true, options: { url: { type: "string" } } });
  if (positionals.length !== 1) throw new Error(USAGE);
  const [input] = positionals;
  if (values.url !== undefined && !/^https?:\/\//i.test(values.url))
    throw new Error(`--url must be an http(s) URL: ${values.url}`);

  const response = /^https?:\/\//i.test(input)
    ? await fetchFeedBytes(input)
    : { url: values.url, contentType: null, bytes: await readFile(input) };
  const report = reportFeed(response.bytes, { contentType: response.contentType, url: values.url ?? response.url });
  console.log(JSON.stringify(report, null, 2));
} catch (error) {
  console.error(`parse-feed: ${error instanceof Error ? error.message : String(error)}`);
  process.exitCode = 1;
}
