import "server-only";
import { lookup } from "node:dns/promises";
import http from "node:http";
import https from "node:https";
import { isIP, type LookupFunction } from "node:net";
import { pipeline, type Readable } from "node:stream";
import zlib from "node:zlib";
import { isPublicAddress } from "./address-policy";
import { env } from "@/lib/env";

// Over 300 lines: address vetting, pinned connection, redirects and caps are one security boundary, kept in one place to review.
//
// Outbound GET for feeds and pages that analysts point us at. The URL comes from users, so every hop is
// resolved, vetted and then connected to by that vetted address (no second DNS answer can slip in), and
// time and size are capped, the size after decompression.

export const USER_AGENT = "Presswatch/0.1 (+https://github.com/presswatch; media monitoring)";

export type FetchErrorCode =
  "blocked_address" | "too_large" | "timeout" | "too_many_redirects" | "bad_status" | "bad_url" | "network";

export class FetchError extends Error {
  readonly code: FetchErrorCode;
  readonly url: string;
  /** The HTTP status, for bad_status. */
  readonly status?: number;

  constructor(code: FetchErrorCode, message: string, details: { url: string; status?: number; cause?: unknown }) {
    super(message, { cause: details.cause });
    this.name = "FetchError";
    this.code = code;
    this.url = details.url;
    this.status = details.status;
  }
}

export type SafeFetchOptions = {
  /** Cap on the decoded body; default 5 MB. */
  maxBytes?: number;
  /** Cap on the whole exchange, redirects and body included; default 15 s. */
  timeoutMs?: number;
  maxRedirects?: number;
  /** Extra request headers, e.g. If-None-Match / If-Modified-Since from the last fetch. */
  headers?: Record<string, string>;
  accept?: string;
  /** Reach private and loopback addresses too; also set by PRESSWATCH_ALLOW_PRIVATE_FETCH=1. */
  allowPrivate?: boolean;
  /** Replaces the address policy; `hop` is 0 for the first request and counts redirects. */
  isAllowedAddress?: (address: string, hop: number) => boolean;
  /** Replaces dns.lookup (all addresses) for host names. */
  resolveHost?: (hostname: string) => Promise<Target[]>;
  /** POST sends `body` (a watch's webhook); redirects are then not followed (maxRedirects 0). */
  method?: "GET" | "POST";
  body?: string;
};

export type SafeFetchResult = {
  /** The final URL, after redirects. */
  url: string;
  status: number;
  headers: Headers;
  contentType: string | null;
  bytes: Uint8Array;
  /** True for a 304 answer to a conditional request; `bytes` is then empty. */
  notModified: boolean;
};

const REDIRECTS = new Set([301, 302, 303, 307, 308]);
// Headers the fetcher owns: it decodes the body itself and sets Host from the URL.
const RESERVED_HEADERS = new Set(["host", "accept-encoding", "connection", "content-length", "transfer-encoding"]);
const CREDENTIAL_HEADERS = ["authorization", "cookie"];

export type Target = { address: string; family: number };

export async function safeFetch(url: string, options: SafeFetchOptions = {}): Promise<SafeFetchResult> {
  const maxBytes = options.maxBytes ?? 5 * 1024 * 1024;
  const timeoutMs = options.timeoutMs ?? 15_000;
  const maxRedirects = options.maxRedirects ?? 5;
  const allowPrivate = options.allowPrivate ?? env().PRESSWATCH_ALLOW_PRIVATE_FETCH === "1";
  const isAllowed = options.isAllowedAddress ?? ((address: string) => allowPrivate || isPublicAddress(address));
  const resolveHost = options.resolveHost ?? ((hostname: string) => lookup(hostname, { all: true, verbatim: true }));

  let current = parseFetchUrl(url, url);
  const headers = buildHeaders(options);
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(), timeoutMs);
  try {
    for (let hop = 0; ; hop += 1) {
      const targets = await resolveTargets(current, hop, { isAllowed, resolveHost }, controller.signal);
      const response = await sendRequest(current, targets, headers, controller.signal, options);
      const status = response.statusCode ?? 0;
      const location = response.headers.location;

      if (REDIRECTS.has(status) && location) {
        response.destroy();
        if (hop >= maxRedirects) {
          throw new FetchError(
            "too_many_redirects",
            `More than ${maxRedirects} redirects, the last from ${current.href}.`,
            {
              url: current.href,
            },
          );
        }
        const next = parseFetchUrl(location, current.href, current);
        if (next.origin !== current.origin) for (const name of CREDENTIAL_HEADERS) delete headers[name];
        current = next;
        continue;
      }
      if (status === 304) {
        response.destroy();
        return {
          url: current.href,
          status,
          headers: toHeaders(response.headers),
          contentType: null,
          bytes: new Uint8Array(0),
          notModified: true,
        };
      }
      if (status < 200 || status > 299) {
        response.destroy();
        throw new FetchError("bad_status", `${current.href} answered HTTP ${status}.`, { url: current.href, status });
      }
      const declared = Number(response.headers["content-length"]);
      if (declared > maxBytes) {
        response.destroy();
        throw new FetchError(
          "too_large",
          `${current.href} announces ${declared} bytes, over the ${maxBytes}-byte limit.`,
          {
            url: current.href,
          },
        );
      }
      const bytes = await readBody(response, maxBytes, current.href);
      return {
        url: current.href,
        status,
        headers: toHeaders(response.headers),
        contentType: response.headers["content-type"] ?? null,
        bytes,
        notModified: false,
      };
    }
  } catch (error) {
    if (error instanceof FetchError) throw error;
    if (controller.signal.aborted) {
      throw new FetchError("timeout", `No complete answer from ${current.href} within ${timeoutMs} ms.`, {
        url: current.href,
        cause: error,
      });
    }
    throw new FetchError("network", `Could not fetch ${current.href}: ${(error as Error).message}`, {
      url: current.href,
      cause: error,
    });
  } finally {
    clearTimeout(timer);
  }
}

function parseFetchUrl(text: string, reported: string, base?: URL): URL {
  let url: URL;
  try {
    url = new URL(text, base);
  } catch {
    throw new FetchError("bad_url", `Not a valid URL: ${JSON.stringify(text)}.`, { url: reported });
  }
  if (url.protocol !== "http:" && url.protocol !== "https:") {
    throw new FetchError("bad_url", `Only http and https URLs are fetched, not ${url.protocol}.`, { url: url.href });
  }
  if (url.username || url.password) {
    throw new FetchError("bad_url", "URLs with a user name or password are not fetched.", { url: reported });
  }
  return url;
}

function buildHeaders(options: SafeFetchOptions): Record<string, string> {
  const headers: Record<string, string> = {
    "user-agent": USER_AGENT,
    accept: options.accept ?? "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8",
  };
  for (const [name, value] of Object.entries(options.headers ?? {})) {
    if (!RESERVED_HEADERS.has(name.toLowerCase())) headers[name.toLowerCase()] = value;
  }
  headers["accept-encoding"] = "gzip, deflate, br";
  return headers;
}

type AddressPolicy = {
  isAllowed: (address: string, hop: number) => boolean;
  resolveHost: (hostname: string) => Promise<Target[]>;
};

async function resolveTargets(
  url: URL,
  hop: number,
  { isAllowed, resolveHost }: AddressPolicy,
  signal: AbortSignal,
): Promise<Target[]> {
  const host = url.hostname.replace(/^\[|\]$/g, "");
  const literal = isIP(host);
  let targets: Target[];
  if (literal) {
    targets = [{ address: host, family: literal }];
  } else {
    try {
      targets = await abortable(resolveHost(host), signal);
    } catch (error) {
      if (signal.aborted) throw error;
      throw new FetchError(
        "network",
        `Could not resolve ${host}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}.`,
        {
          url: url.href,
          cause: error,
        },
      );
    }
  }
  // One bad answer refuses the host: an attacker controls which answer a client would pick.
  const refused = targets.find((target) => !isAllowed(target.address, hop));
  if (refused || targets.length === 0) {
    const where = refused && !literal ? `${host} resolves to ${refused.address}, ` : `${host} is `;
    throw new FetchError("blocked_address", `${where}a private or reserved address; not fetched.`, { url: url.href });
  }
  return targets;
}

function sendRequest(
  url: URL,
  targets: Target[],
  headers: Record<string, string>,
  signal: AbortSignal,
  { method = "GET", body }: Pick<SafeFetchOptions, "method" | "body"> = {},
): Promise<http.IncomingMessage> {
  // Connect only to the addresses that were vetted, whatever the resolver would answer now. Handing over
  // all of them lets Node try IPv6 and IPv4 in turn (autoSelectFamily).
  const pinnedLookup: LookupFunction = (_hostname, lookupOptions, callback) => {
    if (lookupOptions.all) callback(null, targets);
    else callback(null, targets[0].address, targets[0].family);
  };
  const client = url.protocol === "https:" ? https : http;
  return new Promise((resolve, reject) => {
    const request = client.request(
      url,
      {
        method,
        headers: body === undefined ? headers : { ...headers, "content-length": String(Buffer.byteLength(body)) },
        agent: false,
        lookup: pinnedLookup,
        signal,
      },
      resolve,
    );
    request.on("error", reject);
    request.end(body);
  });
}

async function readBody(response: http.IncomingMessage, maxBytes: number, url: string): Promise<Uint8Array> {
  const chunks: Buffer[] = [];
  let size = 0;
  try {
    const decoder = createDecoder(response.headers["content-encoding"], url);
    const body: Readable = decoder ? pipeline(response, decoder, () => undefined) : response;
    for await (const chunk of body as AsyncIterable<Buffer>) {
      size += chunk.length;
      if (size > maxBytes) {
        throw new FetchError(
          "too_large",
          `${url} sent more than ${maxBytes} bytes${decoder ? " once decompressed" : ""}.`,
          { url },
        );
      }
      chunks.push(chunk);
    }
  } finally {
    response.destroy();
  }
  return Buffer.concat(chunks, size);
}

function createDecoder(
  header: string | undefined,
  url: string,
): zlib.Gunzip | zlib.Inflate | zlib.BrotliDecompress | null {
  const encoding = (header ?? "").trim().toLowerCase();
  // Lenient flushing, as browsers are, for servers that cut the compressed stream short.
  const flush = { flush: zlib.constants.Z_SYNC_FLUSH, finishFlush: zlib.constants.Z_SYNC_FLUSH };
  if (encoding === "" || encoding === "identity") return null;
  if (encoding === "gzip" || encoding === "x-gzip") return zlib.createGunzip(flush);
  if (encoding === "deflate") return zlib.createInflate(flush);
  if (encoding === "br") {
    return zlib.createBrotliDecompress({
      flush: zlib.constants.BROTLI_OPERATION_FLUSH,
      finishFlush: zlib.constants.BROTLI_OPERATION_FLUSH,
    });
  }
  throw new FetchError("network", `${url} sent an unsupported Content-Encoding: ${encoding}.`, { url });
}

function toHeaders(raw: http.IncomingHttpHeaders): Headers {
  const headers = new Headers();
  for (const [name, value] of Object.entries(raw)) {
    for (const item of Array.isArray(value) ? value : value === undefined ? [] : [value]) headers.append(name, item);
  }
  return headers;
}

function abortable<T>(promise: Promise<T>, signal: AbortSignal): Promise<T> {
  return new Promise((resolve, reject) => {
    const onAbort = () => reject(signal.reason);
    if (signal.aborted) return onAbort();
    signal.addEventListener("abort", onAbort, { once: true });
    promise.then(resolve, reject).finally(() => signal.removeEventListener("abort", onAbort));
  });
}
