import "server-only";
import { PrismaPg } from "@prisma/adapter-pg";
import { PrismaClient } from "@/lib/generated/prisma/client";
import { env } from "@/lib/env";

// The one PrismaClient of a process. Commands resolve DATABASE_URL (lib/db/database-url.ts) before
// they first touch it; the web server gets it from `npm start`.
function createClient() {
  const { DATABASE_URL: connectionString, DATABASE_POOL_SIZE } = env();
  if (!connectionString)
    throw new Error("DATABASE_URL is not set: start the app with `npm start`, which finds the database.");
  const adapter = new PrismaPg({
    connectionString,
    max: DATABASE_POOL_SIZE,
    // pg's default closes a connection after 10 s idle. An analyst who reads an article for longer then comes
    // back to fresh connections, and a fresh PostgreSQL backend pays for its first touch of every cached page:
    // on the demo data the desk's three loads for one search took 132-149 ms after 12 s idle, 47-52 ms warm.
    // Connections stay for 5 minutes instead; the pool is still capped at DATABASE_POOL_SIZE.
    idleTimeoutMillis: 5 * 60_000,
    // Idle connections never hold a finished command open (the web server's own socket keeps it running).
    allowExitOnIdle: true,
    // JIT compilation adds 30-60 ms to broad facet and timeline queries that run in 20 ms without it.
    options: "-c jit=off",
  });
  return new PrismaClient({ adapter, omit: { user: { passwordHash: true } } });
}

type Client = ReturnType<typeof createClient>;
const globalForPrisma = globalThis as unknown as { prisma?: Client };

function client(): Client {
  globalForPrisma.prisma ??= createClient();
  return globalForPrisma.prisma;
}

// Created on first use, not at import: `next build` imports server modules without a database.
export const db: Client = new Proxy({} as Client, {
  get(_target, property) {
    const target = client();
    const value = Reflect.get(target, property, target);
    return typeof value === "function" ? value.bind(target) : value;
  },
});

export type Db = Client;
