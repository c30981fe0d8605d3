import { spawn } from "node:child_process";
import { once } from "node:events";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { PEER_ADDRESS_HEADER } from "@/lib/constants";

// The preload the web server runs with (scripts/peer-address.mjs), in a real Node process serving real HTTP:
// a client cannot choose the address the server records for it.
const PRELOAD = path.resolve("scripts/peer-address.mjs");
const SERVER = `
  import http from "node:http";
  const server = http.createServer((request, response) => response.end(JSON.stringify(request.headers)));
  server.listen(0, "127.0.0.1", () => console.log(server.address().port));
`;

describe("peer-address preload", () => {
  it("stamps the socket's address over anything the client sent under that name", async () => {
    const { PEER_ADDRESS_HEADER: preloadHeader } = await import(PRELOAD);
    expect(preloadHeader).toBe(PEER_ADDRESS_HEADER);

    const child = spawn(process.execPath, ["--import", PRELOAD, "--input-type=module", "-e", SERVER], {
      stdio: ["ignore", "pipe", "inherit"],
    });
    try {
      const [chunk] = (await once(child.stdout!, "data")) as [Buffer];
      const port = Number(String(chunk).trim());
      const response = await fetch(`http://127.0.0.1:${port}/`, {
        headers: { [PEER_ADDRESS_HEADER]: "203.0.113.5", "x-forwarded-for": "203.0.113.5" },
      });
      const seen = (await response.json()) as Record<string, string>;
      expect(seen[PEER_ADDRESS_HEADER]).toBe("127.0.0.1");
      expect(seen["x-forwarded-for"]).toBe("203.0.113.5");
    } finally {
      child.kill();
    }
  });
});
