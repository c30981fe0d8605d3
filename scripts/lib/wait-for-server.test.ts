import http from "node:http";
import type { AddressInfo } from "node:net";
import { expect, it } from "vitest";
import { assertPortFree, waitForServer } from "./wait-for-server";

it("refuses a port that is taken and accepts it once free", async () => {
  const server = http.createServer((_request, response) => response.writeHead(302, { location: "/login" }).end());
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  await expect(assertPortFree("127.0.0.1", port)).rejects.toThrow(`Port ${port} on 127.0.0.1 is already in use`);
  await waitForServer(`http://127.0.0.1:${port}/`);
  await new Promise((resolve) => server.close(resolve));
  await expect(assertPortFree("127.0.0.1", port)).resolves.toBeUndefined();
});

it("waits until a server starts answering", async () => {
  const probe = http.createServer();
  await new Promise<void>((resolve) => probe.listen(0, "127.0.0.1", resolve));
  const { port } = probe.address() as AddressInfo;
  await new Promise((resolve) => probe.close(resolve));

  const server = http.createServer((_request, response) => response.end("ok"));
  setTimeout(() => server.listen(port, "127.0.0.1"), 600);
  const started = performance.now();
  await waitForServer(`http://127.0.0.1:${port}/`, 100);
  expect(performance.now() - started).toBeGreaterThanOrEqual(500);
  await new Promise((resolve) => server.close(resolve));
});
