import { parseArgs } from "node:util";

/** `FILE_OR_URL [--url ORIGINAL_URL]`, the arguments of the commands that read one page or feed. */
export function parseInputArgs(usage: string): { input: string; isUrl: boolean; url: string | undefined } {
  const { positionals, values } = parseArgs({ allowPositionals: true, options: { url: { type: "string" } } });
  if (positionals.length !== 1) throw new Error(usage);
  const [input] = positionals;
  if (values.url !== undefined && !/^https?:\/\//i.test(values.url))
    throw new Error(`--url must be an http(s) URL: ${values.url}`);
  return { input, isUrl: /^https?:\/\//i.test(input), url: values.url };
}
