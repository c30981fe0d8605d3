// Preloaded into the web server (`node --import ./scripts/peer-address.mjs ...`, see scripts/lib/children.ts
// and the Dockerfile). Next.js tells a route the client's address only through X-Forwarded-For, which it
// fills from the socket only when the client sent none: a client could name any address. This stamps every
// request with the address of the socket it really came from, replacing whatever a client sent under that
// name, and lib/auth/client-address.ts trusts forwarded headers only when that address is a TRUSTED_PROXIES
// one. Plain JavaScript: the Docker image runs it without tsx.
import http from "node:http";

/** Keep in step with PEER_ADDRESS_HEADER in lib/constants.ts (lib/auth/client-address.int.test.ts checks). */
export const PEER_ADDRESS_HEADER = "x-presswatch-peer";

const createServer = http.createServer;
http.createServer = function createServerWithPeerAddress(...args) {
  const server = createServer.apply(this, args);
  server.prependListener("request", (request) => {
    request.headers[PEER_ADDRESS_HEADER] = request.socket.remoteAddress ?? "";
  });
  return server;
};
