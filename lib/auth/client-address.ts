import { BlockList, isIP } from "node:net";
import { PEER_ADDRESS_HEADER } from "@/lib/constants";
import { env } from "@/lib/env";

// The address a request came from. The web server stamps each request with the address of the socket it
// arrived on (scripts/peer-address.mjs). Forwarded headers (X-Forwarded-For, X-Real-IP) are believed only
// when that socket is one of TRUSTED_PROXIES (none by default): otherwise any client could name any
// address, spray passwords from "many" addresses past the per-address login limit, and write a made-up
// address into the audit log.

/** "::ffff:10.0.0.1" (an IPv4 client on a dual-stack socket) is 10.0.0.1. */
function normalize(address: string): string {
  const trimmed = address.trim().replace(/^\[(.*)\](:\d+)?$/, "$1");
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(trimmed);
  return mapped ? mapped[1] : trimmed;
}

/** The TRUSTED_PROXIES list ("10.0.0.0/8, 192.0.2.4, fd00::/8") as a set to test addresses against. */
export function trustedProxies(list: readonly string[]): BlockList {
  const block = new BlockList();
  for (const entry of list) {
    const [address, prefix] = entry.split("/");
    const family = isIP(address) === 6 ? "ipv6" : "ipv4";
    if (prefix === undefined) block.addAddress(address, family);
    else block.addSubnet(address, Number(prefix), family);
  }
  return block;
}

function isTrusted(address: string, proxies: BlockList): boolean {
  const family = isIP(address);
  return family !== 0 && proxies.check(address, family === 6 ? "ipv6" : "ipv4");
}

/**
 * The client's address: the socket's, or, when the socket is a trusted proxy, the nearest address in
 * X-Forwarded-For (read from the right, as each proxy appends) that is not itself a trusted proxy.
 */
export function resolveClientAddress(headers: Headers, proxies: BlockList): string {
  const peerHeader = headers.get(PEER_ADDRESS_HEADER);
  if (!peerHeader) return "unknown";
  const peer = normalize(peerHeader);
  if (!isTrusted(peer, proxies)) return peer;
  const hops = (headers.get("x-forwarded-for") ?? "")
    .split(",")
    .map(normalize)
    .filter((hop) => isIP(hop) !== 0);
  for (let index = hops.length - 1; index >= 0; index--) {
    if (!isTrusted(hops[index], proxies)) return hops[index];
  }
  const realIp = normalize(headers.get("x-real-ip") ?? "");
  return hops[0] ?? (isIP(realIp) !== 0 ? realIp : peer);
}

let cached: { key: string; proxies: BlockList } | undefined;

/** The address a request came from, with forwarded headers counted only from TRUSTED_PROXIES. */
export function clientAddress(headers: Headers): string {
  const list = env().TRUSTED_PROXIES;
  const key = list.join(",");
  if (cached?.key !== key) cached = { key, proxies: trustedProxies(list) };
  return resolveClientAddress(headers, cached.proxies);
}

/** Whether the request's scheme header (X-Forwarded-Proto) may be believed: only from a trusted proxy. */
export function fromTrustedProxy(headers: Headers): boolean {
  const peer = headers.get(PEER_ADDRESS_HEADER);
  if (!peer) return false;
  const list = env().TRUSTED_PROXIES;
  return list.length > 0 && isTrusted(normalize(peer), trustedProxies(list));
}

/**
 * Whether the browser reached us over HTTPS, so cookies must be `Secure`: the public address (AUTH_URL) says
 * so, or a trusted proxy in front says the request came in as https. A client's own X-Forwarded-Proto
 * counts for nothing.
 */
export function servedOverHttps(headers: Headers): boolean {
  const publicUrl = env().AUTH_URL;
  if (publicUrl) return new URL(publicUrl).protocol === "https:";
  return fromTrustedProxy(headers) && headers.get("x-forwarded-proto")?.split(",")[0]?.trim() === "https";
}
