import http from "node:http";
import net, { type AddressInfo } from "node:net";
import zlib from "node:zlib";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { isPublicAddress } from "./address-policy";
import { FetchError, safeFetch, USER_AGENT } from "./safe-fetch";

// Every server here listens on 127.0.0.1; nothing in this file reaches another address.

const PAGE = "<html><body><p>Pyongyang, June 10 (KCNA) -- A video conference took place.</p></body></html>";
const MB = 1024 * 1024;
const bomb = zlib.gzipSync(Buffer.alloc(64 * MB));

let base = "";
let rawBase = "";
const hits = new Map<string, number>();
const servers: net.Server[] = [];

function route(request: http.IncomingMessage, response: http.ServerResponse): void {
  const path = request.url ?? "/";
  hits.set(path, (hits.get(path) ?? 0) + 1);
  const redirect = (location: string) => void response.writeHead(302, { location }).end();
  const chain = /^\/chain\/(\d+)$/.exec(path);
  if (chain) return redirect(Number(chain[1]) === 0 ? "/page" : `/chain/${Number(chain[1]) - 1}`);

  switch (path) {
    case "/page":
      if (request.headers["if-none-match"] === '"v1"') return void response.writeHead(304, { etag: '"v1"' }).end();
      return void response.writeHead(200, { "content-type": "text/html; charset=utf-8", etag: '"v1"' }).end(PAGE);
    case "/echo-headers":
      return void response.writeHead(200, { "content-type": "application/json" }).end(JSON.stringify(request.headers));
    case "/loop":
      return redirect("/loop");
    case "/to-private":
      return redirect(`${base}/page`);
    case "/no-location":
      return void response.writeHead(302).end();
    case "/missing":
      return void response.writeHead(404).end("not here");
    case "/big": {
      // No Content-Length: only counting the bytes can stop this.
      response.writeHead(200, { "content-type": "text/plain" });
      const chunk = Buffer.alloc(64 * 1024, "a");
      let sent = 0;
      const pump = () => {
        while (sent < 8 * MB && !response.destroyed) {
          sent += chunk.length;
          if (!response.write(chunk)) return void response.once("drain", pump);
        }
        response.end();
      };
      return pump();
    }
    case "/gzip":
      return void response.writeHead(200, { "content-encoding": "gzip" }).end(zlib.gzipSync(PAGE));
    case "/deflate":
      return void response.writeHead(200, { "content-encoding": "deflate" }).end(zlib.deflateSync(PAGE));
    case "/br":
      return void response.writeHead(200, { "content-encoding": "br" }).end(zlib.brotliCompressSync(PAGE));
    case "/bomb":
      return void response
        .writeHead(200, { "content-encoding": "gzip", "content-length": String(bomb.length) })
        .end(bomb);
    case "/slow-body": {
      response.writeHead(200, { "content-type": "text/plain" });
      const timer = setInterval(() => response.write("."), 50);
      return void response.on("close", () => clearInterval(timer));
    }
    case "/slow-headers":
      return;
    default:
      response.writeHead(500).end();
  }
}

// A server that speaks raw HTTP/1.1, to send what node:http would refuse to: a Content-Length that lies.
function rawRoute(socket: net.Socket): void {
  socket.once("data", (data) => {
    const path = /^GET (\S+)/.exec(data.toString("latin1"))?.[1];
    hits.set(`raw:${path}`, (hits.get(`raw:${path}`) ?? 0) + 1);
    if (path === "/claims-huge") {
      socket.write("HTTP/1.1 200 OK\r\nContent-Length: 6000000000\r\n\r\nabc");
    } else if (path === "/claims-small") {
      socket.write("HTTP/1.1 200 OK\r\nContent-Length: 100\r\n\r\n");
      socket.write(Buffer.alloc(6 * MB, "b"));
    } else if (path === "/cut-short") {
      socket.end("HTTP/1.1 200 OK\r\nContent-Length: 1000\r\n\r\nonly ten b");
    }
  });
  socket.on("error", () => undefined);
}

async function listen(server: net.Server): Promise<string> {
  servers.push(server);
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

async function failure(promise: Promise<unknown>): Promise<FetchError> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof FetchError) return error;
    throw error;
  }
  throw new Error("expected a FetchError");
}

beforeAll(async () => {
  base = await listen(http.createServer(route));
  rawBase = await listen(net.createServer(rawRoute));
});

afterAll(async () => {
  for (const server of servers) {
    if (server instanceof http.Server) server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  }
});

beforeEach(() => {
  process.env.PRESSWATCH_ALLOW_PRIVATE_FETCH = "1";
  hits.clear();
});

afterEach(() => {
  delete process.env.PRESSWATCH_ALLOW_PRIVATE_FETCH;
});

describe("isPublicAddress", () => {
  it.each([
    "10.0.0.1",
    "172.16.5.4",
    "192.168.1.1",
    "127.0.0.1",
    "169.254.169.254",
    "100.64.0.1",
    "0.0.0.0",
    "224.0.0.251",
    "255.255.255.255",
    "::",
    "::1",
    "fc00::1",
    "fd12:3456::1",
    "fe80::1",
    "fe80::1%eth0",
    "ff02::1",
    "::ffff:127.0.0.1",
    "::ffff:7f00:1",
    "::ffff:10.1.2.3",
    "::127.0.0.1",
    "64:ff9b::a9fe:a9fe",
    "2002:c0a8:101::1",
    "not an address",
    "",
  ])("blocks %s", (address) => {
    expect(isPublicAddress(address)).toBe(false);
  });

  it.each([
    "93.184.216.34",
    "8.8.8.8",
    "175.45.176.1",
    "2606:4700::1",
    "[2606:4700::1]",
    "::ffff:93.184.216.34",
    "64:ff9b::5db8:d822",
    "2002:5db8:d822::1",
  ])("allows %s", (address) => {
    expect(isPublicAddress(address)).toBe(true);
  });
});

describe("safeFetch", () => {
  it("fetches a page with the Presswatch user agent", async () => {
    const result = await safeFetch(`${base}/page`);
    expect(result).toMatchObject({
      url: `${base}/page`,
      status: 200,
      contentType: "text/html; charset=utf-8",
      notModified: false,
    });
    expect(Buffer.from(result.bytes).toString("utf8")).toBe(PAGE);
    expect(result.headers.get("etag")).toBe('"v1"');

    const echoed = JSON.parse(
      Buffer.from(
        (
          await safeFetch(`${base}/echo-headers`, {
            accept: "application/rss+xml",
            headers: { "X-Trace": "1", Host: "evil.example" },
          })
        ).bytes,
      ).toString(),
    );
    expect(echoed).toMatchObject({
      "user-agent": USER_AGENT,
      accept: "application/rss+xml",
      "x-trace": "1",
      host: base.slice("http://".length),
      "accept-encoding": "gzip, deflate, br",
    });
  });

  it("answers a conditional GET with notModified and no bytes", async () => {
    const first = await safeFetch(`${base}/page`);
    const second = await safeFetch(`${base}/page`, { headers: { "If-None-Match": first.headers.get("etag")! } });
    expect(second).toMatchObject({ status: 304, notModified: true, url: `${base}/page` });
    expect(second.bytes).toHaveLength(0);
  });

  it("follows a redirect chain and reports the final URL", async () => {
    const checked: [string, number][] = [];
    const result = await safeFetch(`${base}/chain/3`, {
      isAllowedAddress: (address, hop) => (checked.push([address, hop]), true),
    });
    expect(result.url).toBe(`${base}/page`);
    expect(Buffer.from(result.bytes).toString()).toBe(PAGE);
    expect(checked).toEqual([0, 1, 2, 3, 4].map((hop) => ["127.0.0.1", hop]));
  });

  it("stops a redirect loop and a chain longer than maxRedirects", async () => {
    expect((await failure(safeFetch(`${base}/loop`))).code).toBe("too_many_redirects");
    expect(hits.get("/loop")).toBe(6);
    expect((await failure(safeFetch(`${base}/chain/3`, { maxRedirects: 3 }))).code).toBe("too_many_redirects");
    expect((await safeFetch(`${base}/chain/3`, { maxRedirects: 4 })).status).toBe(200);
  });

  it("refuses loopback, by address and by name, unless private fetches are allowed", async () => {
    delete process.env.PRESSWATCH_ALLOW_PRIVATE_FETCH;
    const direct = await failure(safeFetch(`${base}/page`));
    expect(direct.code).toBe("blocked_address");
    expect(direct.message).toBe("127.0.0.1 is a private or reserved address; not fetched.");
    const port = new URL(base).port;
    const byName = await failure(safeFetch(`http://localhost:${port}/page`));
    expect(byName.code).toBe("blocked_address");
    expect(byName.message).toMatch(/^localhost resolves to (127\.0\.0\.1|::1), /);
    expect((await failure(safeFetch(`http://[::1]:${port}/page`))).code).toBe("blocked_address");
    expect(hits.size).toBe(0);

    expect((await safeFetch(`${base}/page`, { allowPrivate: true })).status).toBe(200);
    process.env.PRESSWATCH_ALLOW_PRIVATE_FETCH = "1";
    expect((await failure(safeFetch(`${base}/page`, { allowPrivate: false }))).code).toBe("blocked_address");
  });

  it("connects to the vetted address without asking DNS again", async () => {
    const port = new URL(base).port;
    const asked: string[] = [];
    // ".invalid" never resolves: the request can only succeed through the vetted, pinned address.
    const resolveHost = async (hostname: string) => (asked.push(hostname), [{ address: "127.0.0.1", family: 4 }]);
    const result = await safeFetch(`http://feeds.example.invalid:${port}/echo-headers`, { resolveHost });
    expect(JSON.parse(Buffer.from(result.bytes).toString()).host).toBe(`feeds.example.invalid:${port}`);
    expect(asked).toEqual(["feeds.example.invalid"]);
  });

  it("refuses a host when any of its addresses is private", async () => {
    delete process.env.PRESSWATCH_ALLOW_PRIVATE_FETCH;
    const resolveHost = async () => [
      { address: "93.184.216.34", family: 4 },
      { address: "127.0.0.1", family: 4 },
    ];
    const error = await failure(safeFetch("http://mixed.example.invalid/page", { resolveHost }));
    expect(error.code).toBe("blocked_address");
    expect(error.message).toBe(
      "mixed.example.invalid resolves to 127.0.0.1, a private or reserved address; not fetched.",
    );
  });

  it("reaches a name with IPv6 and IPv4 answers through whichever address listens", async () => {
    const port = new URL(base).port;
    const resolveHost = async () => [
      { address: "::1", family: 6 },
      { address: "127.0.0.1", family: 4 },
    ];
    expect((await safeFetch(`http://dual.example.invalid:${port}/page`, { resolveHost })).status).toBe(200);
  });

  it("checks every redirect hop: a public first hop cannot bounce to a private address", async () => {
    const firstHopOnly = (address: string, hop: number) => hop === 0 || isPublicAddress(address);
    const error = await failure(safeFetch(`${base}/to-private`, { isAllowedAddress: firstHopOnly }));
    expect(error.code).toBe("blocked_address");
    expect(error.url).toBe(`${base}/page`);
    expect(hits.get("/to-private")).toBe(1);
    expect(hits.get("/page")).toBeUndefined();
  });

  it("caps the body size while streaming, and up front when Content-Length says so", async () => {
    const big = await failure(safeFetch(`${base}/big`, { maxBytes: MB }));
    expect(big.code).toBe("too_large");
    const started = Date.now();
    const huge = await failure(safeFetch(`${rawBase}/claims-huge`, { timeoutMs: 5000 }));
    expect(huge.code).toBe("too_large");
    expect(huge.message).toContain("announces 6000000000 bytes");
    expect(Date.now() - started).toBeLessThan(1000);
  });

  it("reads no further than a Content-Length that understates the body", async () => {
    const result = await safeFetch(`${rawBase}/claims-small`, { maxBytes: MB });
    expect(result.bytes).toHaveLength(100);
  });

  it("reports a body cut short of its Content-Length as a network error", async () => {
    expect((await failure(safeFetch(`${rawBase}/cut-short`))).code).toBe("network");
  });

  it("decodes gzip, deflate and brotli", async () => {
    for (const path of ["/gzip", "/deflate", "/br"]) {
      expect(Buffer.from((await safeFetch(`${base}${path}`)).bytes).toString()).toBe(PAGE);
    }
  });

  it("stops a gzip bomb once the decompressed size passes the cap", async () => {
    expect(bomb.length).toBeLessThan(MB / 4);
    const error = await failure(safeFetch(`${base}/bomb`, { maxBytes: MB }));
    expect(error.code).toBe("too_large");
    expect(error.message).toContain("once decompressed");
  });

  it("times out on a slow body and on a server that never answers", async () => {
    for (const path of ["/slow-body", "/slow-headers"]) {
      const started = Date.now();
      const error = await failure(safeFetch(`${base}${path}`, { timeoutMs: 300 }));
      expect(error.code).toBe("timeout");
      expect(Date.now() - started).toBeLessThan(2000);
    }
  });

  it("reports bad statuses, bad URLs and refused connections", async () => {
    expect(await failure(safeFetch(`${base}/missing`))).toMatchObject({ code: "bad_status", status: 404 });
    expect(await failure(safeFetch(`${base}/no-location`))).toMatchObject({ code: "bad_status", status: 302 });
    for (const url of ["not a url", "ftp://example.org/file", "file:///etc/passwd", "http://user:secret@127.0.0.1/"]) {
      expect((await failure(safeFetch(url))).code).toBe("bad_url");
    }
    const closed = net.createServer();
    const closedBase = await listen(closed);
    await new Promise((resolve) => closed.close(resolve));
    servers.pop();
    expect((await failure(safeFetch(`${closedBase}/page`))).code).toBe("network");
  });
});
