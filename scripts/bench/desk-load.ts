import http from "node:http";

// Concurrent signed-in readers against one server: each user is a loop that asks for the next desk URL of
// its own round (every user starts at another place in the list), waits for the last byte, and asks again,
// as a person clicking through filters would with no pause. Requests ask for compressed pages, as a browser
// does, so the server's compression is part of the cost. Bounded in time; only 127.0.0.1 is ever asked.

export type LoadResult = {
  pages: number;
  errors: number;
  seconds: number;
  pagesPerSecond: number;
  p50: number;
  p95: number;
  max: number;
  /** Mean bytes on the wire per page. */
  meanBytes: number;
  firstError?: string;
};

function get(agent: http.Agent, url: string, cookie: string): Promise<{ status: number; bytes: number }> {
  return new Promise((resolve, reject) => {
    const request = http.get(
      url,
      { agent, headers: { cookie, "accept-encoding": "gzip, deflate, br", accept: "text/html" } },
      (response) => {
        let bytes = 0;
        response.on("data", (chunk: Buffer) => (bytes += chunk.length));
        response.on("end", () => resolve({ status: response.statusCode ?? 0, bytes }));
        response.on("error", reject);
      },
    );
    request.on("error", reject);
    request.setTimeout(60_000, () => request.destroy(new Error(`GET ${url}: no answer in 60 s`)));
  });
}

function percentile(sorted: number[], p: number): number {
  if (!sorted.length) return Number.NaN;
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
}

/** `cookies[i]` is user i's session; each user walks `urls` from its own offset for `seconds`. */
export async function runLoad(options: { urls: string[]; cookies: string[]; seconds: number }): Promise<LoadResult> {
  const { urls, cookies, seconds } = options;
  const agent = new http.Agent({ keepAlive: true, maxSockets: cookies.length });
  const latencies: number[] = [];
  let errors = 0;
  let bytes = 0;
  let firstError: string | undefined;
  const started = performance.now();
  const deadline = started + seconds * 1000;
  await Promise.all(
    cookies.map(async (cookie, user) => {
      for (let step = 0; performance.now() < deadline; step++) {
        const url = urls[(user * 7 + step) % urls.length];
        const sent = performance.now();
        try {
          const response = await get(agent, url, cookie);
          if (response.status !== 200) throw new Error(`GET ${url}: HTTP ${response.status}`);
          latencies.push(performance.now() - sent);
          bytes += response.bytes;
        } catch (error) {
          errors++;
          firstError ??= error instanceof Error ? error.message : String(error);
        }
      }
    }),
  );
  const elapsed = (performance.now() - started) / 1000;
  agent.destroy();
  latencies.sort((a, b) => a - b);
  return {
    pages: latencies.length,
    errors,
    seconds: elapsed,
    pagesPerSecond: latencies.length / elapsed,
    p50: percentile(latencies, 50),
    p95: percentile(latencies, 95),
    max: latencies.at(-1) ?? Number.NaN,
    meanBytes: latencies.length ? bytes / latencies.length : 0,
    firstError,
  };
}
