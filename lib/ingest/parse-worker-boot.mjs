// Starts the parser thread (lib/ingest/isolated-parse.ts): plain JavaScript, so that Node can start it as a
// worker in every process that parses (the web server, the worker, scripts, tests), which then loads the
// TypeScript through tsx with the project's path aliases.
import { tsImport } from "tsx/esm/api";

await tsImport("./parse-worker.ts", {
  parentURL: import.meta.url,
  tsconfig: new URL("../../tsconfig.json", import.meta.url).pathname,
});
