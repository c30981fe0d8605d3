import { readFile } from "node:fs/promises";
import { fetchFeedBytes } from "@/lib/ingest/feed/fetch-feed";
import { reportFeed } from "@/lib/ingest/feed/feed-report";
import { parseInputArgs } from "./lib/input-args";

// `npm run parse-feed -- FILE_OR_URL [--url ORIGINAL_URL]`: prints a feed as the worker would store it, as
// JSON {"title", "link", "format", "charset", "items": [{"title", "link", "published", "text"}]}, so an
// admin can see why a source misbehaves. A URL is fetched as the worker fetches it (public addresses only,
// 30 s, 10 MB, with its Content-Type); a local file is read as if served with no Content-Type header, its
// relative links resolved against --url when given.

const USAGE = "Usage: npm run parse-feed -- FILE_OR_URL [--url ORIGINAL_URL]";

try {
  const { input, isUrl, url } = parseInputArgs(USAGE);
  const response = isUrl ? await fetchFeedBytes(input) : { url, contentType: null, bytes: await readFile(input) };
  const report = reportFeed(response.bytes, { contentType: response.contentType, url: url ?? response.url });
  console.log(JSON.stringify(report, null, 2));
} catch (error) {
  console.error(`parse-feed: ${error instanceof Error ? error.message : String(error)}`);
  process.exitCode = 1;
}
