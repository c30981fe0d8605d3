import { BlockList, isIP } from "node:net";

// Addresses an outbound fetch must not reach unless told to: anything that is not the public internet
// (the machine itself, the LAN, cloud metadata at 169.254.169.254, carrier NAT, multicast, reserved ranges).

const reserved = new BlockList();
const IPV4_RANGES: [string, number][] = [
  ["0.0.0.0", 8], // "this network", including the unspecified 0.0.0.0
  ["10.0.0.0", 8],
  ["100.64.0.0", 10], // carrier-grade NAT
  ["127.0.0.0", 8],
  ["169.254.0.0", 16], // link-local, cloud metadata
  ["172.16.0.0", 12],
  ["192.0.0.0", 24], // IETF protocol assignments
  ["192.0.2.0", 24], // documentation
  ["192.88.99.0", 24], // 6to4 relay anycast
  ["192.168.0.0", 16],
  ["198.18.0.0", 15], // benchmarking
  ["198.51.100.0", 24], // documentation
  ["203.0.113.0", 24], // documentation
  ["224.0.0.0", 4], // multicast
  ["240.0.0.0", 4], // reserved, broadcast
];
const IPV6_RANGES: [string, number][] = [
  ["::", 96], // unspecified, loopback and the deprecated IPv4-compatible form
  ["100::", 64], // discard
  ["2001::", 32], // Teredo, which hides an IPv4 address
  ["2001:db8::", 32], // documentation
  ["fc00::", 7], // unique local
  ["fe80::", 10], // link-local
  ["fec0::", 10], // site-local (deprecated)
  ["ff00::", 8], // multicast
];
for (const [network, prefix] of IPV4_RANGES) reserved.addSubnet(network, prefix, "ipv4");
// Node's BlockList also matches IPv4-mapped IPv6 (::ffff:127.0.0.1) against these IPv4 rules.
for (const [network, prefix] of IPV6_RANGES) reserved.addSubnet(network, prefix, "ipv6");

/** True only for a syntactically valid address on the public internet. */
export function isPublicAddress(address: string): boolean {
  const bare = address.replace(/^\[|\]$/g, "").replace(/%.*$/, "");
  const family = isIP(bare);
  if (family === 4) return !reserved.check(bare, "ipv4");
  if (family !== 6) return false;
  if (reserved.check(bare, "ipv6")) return false;
  const embedded = embeddedIpv4(bare);
  return embedded === null || !reserved.check(embedded, "ipv4");
}

// NAT64 (64:ff9b::/96) and 6to4 (2002::/16) addresses carry an IPv4 address that the network may route to.
function embeddedIpv4(address: string): string | null {
  const groups = expandIpv6(address);
  if (groups[0] === 0x64 && groups[1] === 0xff9b && groups.slice(2, 6).every((group) => group === 0)) {
    return toIpv4(groups[6], groups[7]);
  }
  if (groups[0] === 0x2002) return toIpv4(groups[1], groups[2]);
  return null;
}

function expandIpv6(address: string): number[] {
  let text = address.toLowerCase();
  const dotted = /(\d+\.\d+\.\d+\.\d+)$/.exec(text);
  if (dotted) {
    const [a, b, c, d] = dotted[1].split(".").map(Number);
    text = text.slice(0, -dotted[1].length) + `${((a << 8) | b).toString(16)}:${((c << 8) | d).toString(16)}`;
  }
  const [head, tail] = text.includes("::") ? text.split("::") : [text, null];
  const parse = (part: string) => (part === "" ? [] : part.split(":").map((group) => parseInt(group, 16)));
  const left = parse(head);
  const right = tail === null ? [] : parse(tail);
  return [...left, ...new Array(8 - left.length - right.length).fill(0), ...right];
}

function toIpv4(high: number, low: number): string {
  return [high >> 8, high & 0xff, low >> 8, low & 0xff].join(".");
}
