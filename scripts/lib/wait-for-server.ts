import net from "node:net";
import { setTimeout as sleep } from "node:timers/promises";

/** Fails with a plain message when something already listens on host:port, before any slow work. */
export function assertPortFree(host: string, port: number): Promise<void> {
  return new Promise((resolve, reject) => {
    const probe = net.createServer();
    probe.once("error", (error: NodeJS.ErrnoException) => {
      reject(
        error.code === "EADDRINUSE"
          ? new Error(
              `Port ${port} on ${host} is already in use. Stop what runs there, or pick another: PORT=3001 npm start`,
            )
          : error,
      );
    });
    probe.listen(port, host, () => probe.close(() => resolve()));
  });
}

/** Resolves once `url` answers with any HTTP response (a redirect or a 404 counts: the server is up). */
export async function waitForServer(url: string, intervalMs = 250): Promise<void> {
  for (;;) {
    try {
      await fetch(url, { redirect: "manual" });
      return;
    } catch {
      await sleep(intervalMs);
    }
  }
}
