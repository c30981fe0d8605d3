import { spawnSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { parse } from "yaml";

// The deployment files, checked without building or pulling anything (our machines cannot pull images):
// `docker compose config` (or docker-compose's) must accept compose.yaml and resolve it to the three services
// with their volumes and health checks; the Dockerfile must run as a non-root user on the standalone build.

type Service = {
  image?: string;
  build?: unknown;
  command?: string[];
  depends_on?: Record<string, { condition: string }>;
  healthcheck?: { test: string[] };
  volumes?: (string | { source: string; target: string })[];
  environment?: Record<string, string>;
};

function composeCommand(): [string, string[]] {
  if (spawnSync("docker", ["compose", "version"]).status === 0) return ["docker", ["compose"]];
  return ["docker-compose", []];
}

function composeConfig(env: Record<string, string>): { status: number | null; stdout: string; stderr: string } {
  const [command, prefix] = composeCommand();
  const result = spawnSync(command, [...prefix, "-f", "compose.yaml", "config"], {
    env: { NODE_ENV: "test", PATH: process.env.PATH, HOME: process.env.HOME, ...env },
    encoding: "utf8",
  });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

describe("compose.yaml", () => {
  const secrets = { AUTH_SECRET: "a-secret-for-this-test-only-0123456789", POSTGRES_PASSWORD: "test-password" };

  it("resolves to the app, the worker and PostgreSQL, with volumes and health checks", () => {
    const result = composeConfig(secrets);
    expect(result.status, result.stderr).toBe(0);
    const config = parse(result.stdout) as { services: Record<string, Service>; volumes: Record<string, unknown> };
    expect(Object.keys(config.services).sort()).toEqual(["app", "postgres", "worker"]);
    const { app, worker, postgres } = config.services;

    for (const service of [app, worker, postgres]) expect(service.healthcheck?.test.length).toBeGreaterThan(1);
    expect(app.healthcheck!.test.join(" ")).toContain("/api/health");
    expect(worker.healthcheck!.test.join(" ")).toContain("worker_heartbeats");
    expect(postgres.healthcheck!.test.join(" ")).toContain("pg_isready");

    expect(Object.keys(config.volumes)).toContain("pgdata");
    const pgVolume = postgres.volumes?.[0];
    expect(typeof pgVolume === "string" ? pgVolume : `${pgVolume?.source}:${pgVolume?.target}`).toMatch(
      /^pgdata:\/var\/lib\/postgresql\/data/,
    );

    expect(app.depends_on?.postgres.condition).toBe("service_healthy");
    expect(worker.depends_on?.postgres.condition).toBe("service_healthy");
    expect(worker.command?.join(" ")).toContain("scripts/worker.ts");
    expect(app.environment?.DATABASE_URL).toBe("postgresql://presswatch:test-password@postgres:5432/presswatch");
    expect(app.environment?.AUTH_SECRET).toBe(secrets.AUTH_SECRET);
    expect(worker.image).toBe(app.image);
  });

  it("refuses to start without the secrets it needs", () => {
    const result = composeConfig({ POSTGRES_PASSWORD: "test-password" });
    expect(result.status).not.toBe(0);
    expect(result.stderr).toContain("AUTH_SECRET");
  });
});

describe("Dockerfile", () => {
  const dockerfile = readFileSync("Dockerfile", "utf8");
  const runtime = dockerfile.slice(dockerfile.lastIndexOf("\nFROM "));

  it("runs the standalone server as a non-root user", () => {
    const user = /^USER\s+(\S+)/m.exec(runtime)?.[1];
    expect(user).toBeDefined();
    expect(["root", "0"]).not.toContain(user);
    expect(runtime).toContain("server.js");
    expect(runtime).toContain("peer-address.mjs");
    // One worker process per core, as `npm start` runs the server.
    expect(runtime).toContain("scripts/web-cluster.mjs server.js");
    expect(readFileSync("next.config.ts", "utf8")).toMatch(/NEXT_OUTPUT === "standalone"[^\n]*output:\s*"standalone"/);
    expect(dockerfile).toMatch(/NEXT_OUTPUT=standalone npm run build/);
  });

  it("leaves secrets, data and local builds out of the build context", () => {
    const ignored = readFileSync(".dockerignore", "utf8").split("\n");
    for (const entry of ["node_modules", ".next", ".data", ".env", ".git"]) expect(ignored).toContain(entry);
  });
});
