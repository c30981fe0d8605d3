// The canonical form of an article URL, used as its identity (articles.canonical_url): two spellings of
// the same page must meet, two different stories must not.

const TRACKING_PARAMS = new Set([
  "fbclid",
  "gclid",
  "gclsrc",
  "dclid",
  "gbraid",
  "wbraid",
  "msclkid",
  "yclid",
  "twclid",
  "igshid",
  "ttclid",
  "mc_cid",
  "mc_eid",
  "_ga",
  "_gl",
  "_hsenc",
  "_hsmi",
  "mkt_tok",
  "ref",
  "ref_src",
  "ref_url",
  "referrer",
  "cmpid",
  "s_cid",
  "icid",
  "ito",
  "ocid",
  "spm",
  "share",
  "si",
]);

function isTrackingParam(rawKey: string): boolean {
  let key: string;
  try {
    key = decodeURIComponent(rawKey.replace(/\+/g, " ")).toLowerCase();
  } catch {
    return false;
  }
  return key.startsWith("utm_") || TRACKING_PARAMS.has(key);
}

/** Query pairs kept as written (re-encoding could change what the server sees), tracking ones dropped, sorted by key. */
function normalizeQuery(search: string): string {
  const pairs = search
    .replace(/^\?/, "")
    .split("&")
    .filter((pair) => pair !== "")
    .map((pair) => ({ pair, key: pair.split("=", 1)[0] }))
    .filter(({ key }) => !isTrackingParam(key));
  // Stable sort on the key alone: repeated keys keep their order, which can matter to the server.
  pairs.sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
  return pairs.length ? `?${pairs.map(({ pair }) => pair).join("&")}` : "";
}

/**
 * Lower-case https URL without `www.`, default port, credentials, tracking parameters, trailing slash or
 * fragment; query parameters sorted; dot segments resolved. A purely numeric fragment is kept: pre-2003
 * kcna.co.jp pages carry several stories each (`.../03.htm#10`), and the anchor is all that tells them apart.
 * Null for anything that is not an absolute http(s) URL.
 */
export function normalizeUrl(raw: string): string | null {
  let url: URL;
  try {
    url = new URL(raw.trim());
  } catch {
    return null;
  }
  if (url.protocol !== "http:" && url.protocol !== "https:") return null;
  const hostname = url.hostname.replace(/\.$/, "").replace(/^www\./, "");
  if (!hostname) return null;
  // URL already drops each scheme's own default port; 443 written on an http URL becomes the default once
  // the scheme is https.
  const port = url.port === "" || url.port === "443" ? "" : `:${url.port}`;
  const pathname = url.pathname.length > 1 ? url.pathname.replace(/\/+$/, "") || "/" : "/";
  const fragment = /^#\d+$/.test(url.hash) ? url.hash : "";
  return `https://${hostname}${port}${pathname}${normalizeQuery(url.search)}${fragment}`;
}
