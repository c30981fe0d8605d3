// `npm run bench [-- --articles-file PATH] [--only NAME] [--small]`: runs each benchmark section in order and
// prints one JSON object per figure on stdout, e.g. {"bench":"ingest.import_per_s","value":1234.5,"unit":"articles/s","n":2038}.
// Progress and logs go to stderr. A section is a module in scripts/bench/; adding one is one line below.
import { parseArgs } from "node:util";
import { stopEmbeddedPostgres } from "@/lib/db/database-url";
import type { BenchOptions } from "./bench/types";

const SECTIONS: Record<string, (options: BenchOptions) => Promise<void>> = {
  ingest: async (options) => (await import("./bench/ingest")).benchIngest(options),
  extract: async (options) => (await import("./bench/extract")).benchExtract(options),
  feeds: async (options) => (await import("./bench/feeds")).benchFeeds(options),
  list: async (options) => (await import("./bench/list")).benchList(options),
  list_http: async (options) => (await import("./bench/list-http")).benchListHttp(options),
  desk: async (options) => (await import("./bench/desk")).benchDesk(options),
  themes: async (options) => (await import("./bench/themes")).benchThemes(options),
  search: async (options) => (await import("./bench/search")).benchSearch(options),
  export: async (options) => (await import("./bench/export")).benchExport(options),
  versions: async (options) => (await import("./bench/versions")).benchVersions(options),
  watches: async (options) => (await import("./bench/watches")).benchWatches(options),
};

try {
  const { values } = parseArgs({
    options: {
      "articles-file": { type: "string" },
      only: { type: "string", multiple: true },
      small: { type: "boolean", default: false },
    },
  });
  const names = values.only ?? Object.keys(SECTIONS);
  const unknown = names.filter((name) => !(name in SECTIONS));
  if (unknown.length)
    throw new Error(`Unknown bench section ${unknown.join(", ")}; known: ${Object.keys(SECTIONS).join(", ")}`);
  const options: BenchOptions = {
    file: values["articles-file"],
    small: values.small,
    emit: (row) => console.log(JSON.stringify(row)),
    log: (line) => console.error(line),
  };
  for (const name of names) {
    console.error(`bench: ${name}`);
    await SECTIONS[name](options);
  }
} catch (error) {
  console.error(error instanceof Error ? error.message : String(error));
  process.exitCode = 1;
} finally {
  await stopEmbeddedPostgres();
}
