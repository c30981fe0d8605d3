// Where to send a visitor after signing in. A `next` target from the URL is read the way a browser reads a
// Location header: the browser drops tabs, newlines and carriage returns and treats `\` as `/`, so
// "/\t/evil.example/" and "/\evil" both become "//evil...", another host. Only a target that still resolves
// to our own origin, with a path starting with a single "/", is kept; anything else goes to the desk.

const STRIPPED_BY_BROWSERS = /[\t\n\r]/g;
// Any origin will do: only whether the target leaves it matters, and the answer is a path.
const OWN_ORIGIN = "http://presswatch.invalid";

export function safeNextPath(value: unknown): string {
  if (typeof value !== "string" || value === "") return "/";
  const cleaned = value.replace(STRIPPED_BY_BROWSERS, "");
  if (!cleaned.startsWith("/")) return "/";
  let url: URL;
  try {
    url = new URL(cleaned, OWN_ORIGIN);
  } catch {
    return "/";
  }
  if (url.origin !== OWN_ORIGIN) return "/";
  if (!url.pathname.startsWith("/") || url.pathname.startsWith("//")) return "/";
  return url.pathname + url.search + url.hash;
}
