import { afterEach, describe, expect, it } from "vitest";
import { resolveClientAddress, servedOverHttps, trustedProxies } from "@/lib/auth/client-address";
import { PEER_ADDRESS_HEADER } from "@/lib/constants";

const none = trustedProxies([]);
const proxies = trustedProxies(["10.0.0.0/8", "192.0.2.4", "fd00::/8"]);

function from(peer: string | null, extra: Record<string, string> = {}): Headers {
  return new Headers({ ...(peer === null ? {} : { [PEER_ADDRESS_HEADER]: peer }), ...extra });
}

describe("client address", () => {
  it("ignores forwarded headers when no proxy is trusted (the default)", () => {
    const spoofed = { "x-forwarded-for": "203.0.113.5", "x-real-ip": "203.0.113.6" };
    expect(resolveClientAddress(from("198.51.100.9", spoofed), none)).toBe("198.51.100.9");
    expect(resolveClientAddress(from("::ffff:198.51.100.9", spoofed), none)).toBe("198.51.100.9");
  });

  it("ignores forwarded headers from a client that is not a trusted proxy", () => {
    const headers = from("198.51.100.9", { "x-forwarded-for": "203.0.113.5, 10.0.0.1" });
    expect(resolveClientAddress(headers, proxies)).toBe("198.51.100.9");
  });

  it("behind trusted proxies, takes the nearest untrusted hop from the right", () => {
    // The client put 1.2.3.4 there itself; our proxies appended what they saw.
    const headers = from("10.0.0.2", { "x-forwarded-for": "1.2.3.4, 203.0.113.5, 192.0.2.4" });
    expect(resolveClientAddress(headers, proxies)).toBe("203.0.113.5");
    expect(resolveClientAddress(from("::ffff:10.1.1.1", { "x-forwarded-for": "203.0.113.7" }), proxies)).toBe(
      "203.0.113.7",
    );
    expect(resolveClientAddress(from("fd00::1", { "x-forwarded-for": "2001:db8::5" }), proxies)).toBe("2001:db8::5");
  });

  it("behind a trusted proxy without X-Forwarded-For, reads X-Real-IP", () => {
    expect(resolveClientAddress(from("192.0.2.4", { "x-real-ip": "203.0.113.6" }), proxies)).toBe("203.0.113.6");
    expect(resolveClientAddress(from("192.0.2.4"), proxies)).toBe("192.0.2.4");
  });

  it("skips garbage in X-Forwarded-For", () => {
    const headers = from("10.0.0.2", { "x-forwarded-for": "203.0.113.5, not-an-address, <script>" });
    expect(resolveClientAddress(headers, proxies)).toBe("203.0.113.5");
  });

  it("says unknown when the server did not stamp the socket's address", () => {
    expect(resolveClientAddress(from(null, { "x-forwarded-for": "203.0.113.5" }), proxies)).toBe("unknown");
  });
});

describe("Secure cookies", () => {
  const saved = { AUTH_URL: process.env.AUTH_URL, TRUSTED_PROXIES: process.env.TRUSTED_PROXIES };
  afterEach(() => {
    for (const [key, value] of Object.entries(saved)) {
      if (value === undefined) delete process.env[key];
      else process.env[key] = value;
    }
  });

  it("are Secure when the public address is https", () => {
    process.env.AUTH_URL = "https://presswatch.example.org";
    delete process.env.TRUSTED_PROXIES;
    expect(servedOverHttps(from("198.51.100.9"))).toBe(true);
    process.env.AUTH_URL = "http://localhost:3000";
    expect(servedOverHttps(from("198.51.100.9", { "x-forwarded-proto": "https" }))).toBe(false);
  });

  it("believe X-Forwarded-Proto only from a trusted proxy", () => {
    delete process.env.AUTH_URL;
    delete process.env.TRUSTED_PROXIES;
    expect(servedOverHttps(from("10.0.0.2", { "x-forwarded-proto": "https" }))).toBe(false);
    process.env.TRUSTED_PROXIES = "10.0.0.0/8";
    expect(servedOverHttps(from("10.0.0.2", { "x-forwarded-proto": "https" }))).toBe(true);
    expect(servedOverHttps(from("10.0.0.2", { "x-forwarded-proto": "http" }))).toBe(false);
    expect(servedOverHttps(from("198.51.100.9", { "x-forwarded-proto": "https" }))).toBe(false);
  });
});
