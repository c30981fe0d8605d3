// The canonical form of an article URL, used as its identity (articles.canonical_url): two spellings of
// the same page must meet, two different stories must not. Merging two stories is the worse mistake (the
// second is dropped as a duplicate of the first), so a query parameter is only dropped when it is known to
// be tracking; an unknown one costs at most a missed URL match, which the text fingerprint still catches.

// Tracking parameters under any value, on any site: ad-click ids, mail and analytics campaign tags.
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
  "ref_src",
  "ref_url",
  "cmpid",
  "s_cid",
  "icid",
  "ito",
  "ocid",
  "spm",
]);

// Parameters that are tracking only on the sites that hand them out: `si` is YouTube's and Spotify's share id.
const SITE_TRACKING_PARAMS: Record<string, string[]> = {
  si: ["youtube.com", "youtu.be", "spotify.com"],
};

// `ref` and `referrer` name the page a reader came from on many sites (`?ref=rss`), and identify the item on
// others (`?ref=2024-001`). They are dropped only when the value is one of these referrer labels, or empty.
const REFERRER_KEYS = new Set(["ref", "referrer"]);
const REFERRER_LABELS = new Set([
  "rss",
  "feed",
  "feedly",
  "newsletter",
  "email",
  "twitter",
  "facebook",
  "fb",
  "linkedin",
  "reddit",
  "hn",
  "hackernews",
  "producthunt",
  "telegram",
  "whatsapp",
  "google",
  "share",
  "social",
  "home",
  "homepage",
  "frontpage",
  "nav",
  "menu",
  "sidebar",
  "footer",
  "header",
  "related",
  "recommended",
  "trending",
  "search",
]);

// RFC 3986 2.3: percent-encoded unreserved characters mean the characters themselves.
const UNRESERVED = /^[A-Za-z0-9\-._~]$/;
// Characters RFC 3986 allows in a path or query as they are (unreserved, sub-delims, ":@/?", and "%" of an
// escape). WHATWG's URL parser leaves some others raw (`|`, `^`, `[`, `]`); they are encoded here, as RFC
// 3986 requires, so that `|` and `%7C` meet.
const ALLOWED = /[A-Za-z0-9\-._~!$&'()*+,;=:@/?%]/;

/**
 * One spelling per percent-encoding: escapes upper-cased (`%ea` -> `%EA`), escapes of unreserved
 * characters decoded (`%7E` -> `~`), and characters outside RFC 3986 encoded as UTF-8 (`김` -> `%EA%B9%80`,
 * which WHATWG's parser does already). Reserved escapes such as `%2F` stay: `a%2Fb` is not `a/b`.
 */
export function normalizePercentEncoding(text: string): string {
  let out = "";
  for (let i = 0; i < text.length; i++) {
    const char = text[i];
    if (char === "%" && /^[0-9A-Fa-f]{2}$/.test(text.slice(i + 1, i + 3))) {
      const decoded = String.fromCharCode(parseInt(text.slice(i + 1, i + 3), 16));
      out += UNRESERVED.test(decoded) ? decoded : `%${text.slice(i + 1, i + 3).toUpperCase()}`;
      i += 2;
    } else if (char === "%") {
      out += "%25";
    } else if (ALLOWED.test(char)) {
      out += char;
    } else {
      const codePoint = text.codePointAt(i)!;
      const whole = String.fromCodePoint(codePoint);
      i += whole.length - 1;
      for (const byte of new TextEncoder().encode(whole)) out += `%${byte.toString(16).toUpperCase().padStart(2, "0")}`;
    }
  }
  return out;
}

function decodeComponent(raw: string): string | null {
  try {
    return decodeURIComponent(raw.replace(/\+/g, " "));
  } catch {
    return null;
  }
}

function isTrackingParam(key: string, rawValue: string, hostname: string): boolean {
  const name = decodeComponent(key)?.toLowerCase();
  if (name === undefined || name === null) return false;
  if (name.startsWith("utm_") || TRACKING_PARAMS.has(name)) return true;
  const sites = SITE_TRACKING_PARAMS[name];
  if (sites?.some((site) => hostname === site || hostname.endsWith(`.${site}`))) return true;
  if (!REFERRER_KEYS.has(name)) return false;
  const value = decodeComponent(rawValue)?.trim().toLowerCase();
  return value !== undefined && value !== null && (value === "" || REFERRER_LABELS.has(value));
}

/** Query pairs with their escapes normalised, tracking ones dropped, sorted by key (stably: repeated keys keep their order). */
function normalizeQuery(search: string, hostname: string): string {
  const pairs = search
    .replace(/^\?/, "")
    .split("&")
    .filter((pair) => pair !== "")
    .map((written) => {
      const pair = normalizePercentEncoding(written);
      const equals = pair.indexOf("=");
      return equals === -1
        ? { pair, key: pair, value: "" }
        : { pair, key: pair.slice(0, equals), value: pair.slice(equals + 1) };
    })
    .filter(({ key, value }) => !isTrackingParam(key, value, hostname));
  pairs.sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
  return pairs.length ? `?${pairs.map(({ pair }) => pair).join("&")}` : "";
}

/**
 * Lower-case https URL without `www.`, default port, credentials, tracking parameters, trailing slash or
 * fragment; percent-encoding normalised; query parameters sorted; dot segments resolved. A purely numeric
 * fragment is kept: pre-2003 kcna.co.jp pages carry several stories each (`.../03.htm#10`), and the anchor
 * is all that tells them apart. Null for anything that is not an absolute http(s) URL.
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
  const path = normalizePercentEncoding(url.pathname);
  const pathname = path.length > 1 ? path.replace(/\/+$/, "") || "/" : "/";
  const fragment = /^#\d+$/.test(url.hash) ? url.hash : "";
  return `https://${hostname}${port}${pathname}${normalizeQuery(url.search, hostname)}${fragment}`;
}
