import { Writable } from "node:stream";
import { describe, expect, it } from "vitest";
import { createLogger, requestLogger } from "@/lib/log";

function capture() {
  const lines: Record<string, unknown>[] = [];
  const stream = new Writable({
    write(chunk, _encoding, done) {
      lines.push(JSON.parse(String(chunk)));
      done();
    },
  });
  return { lines, logger: createLogger(stream) };
}

describe("server log", () => {
  it("writes one JSON object per line, with the request's id", () => {
    const { lines, logger } = capture();
    requestLogger(new Headers({ "x-request-id": "3f2a9c1e-0000-4000-8000-000000000001" }), logger).info(
      { path: "/api/v1/export", status: 200 },
      "api request",
    );
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatchObject({
      level: 30,
      service: "presswatch",
      requestId: "3f2a9c1e-0000-4000-8000-000000000001",
      path: "/api/v1/export",
      status: 200,
      msg: "api request",
    });
    expect(String(lines[0].time)).toMatch(/^\d{4}-\d{2}-\d{2}T/);
  });

  it("never writes a password, token, cookie or authorization header", () => {
    const { lines, logger } = capture();
    logger.warn(
      { password: "hunter2", token: "pw_secret", headers: { authorization: "Bearer pw_x", cookie: "authjs=1" } },
      "careless caller",
    );
    const text = JSON.stringify(lines[0]);
    for (const secret of ["hunter2", "pw_secret", "pw_x", "authjs=1"]) expect(text).not.toContain(secret);
    expect(text).toContain("[redacted]");
  });
});
