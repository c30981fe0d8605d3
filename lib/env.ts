import { isIP } from "node:net";
import { z } from "zod";

// The environment, checked by one schema: the only module that reads process.env (ESLint holds every other
// file to that). Read with env(), which parses on every call: commands set DATABASE_URL once they have
// resolved their database (setDatabaseUrl), after some modules were loaded, and parsing ~20 strings costs
// microseconds. A bad value stops the program with a message naming the variable and what it must be.

const flag = z.enum(["0", "1"], { message: "must be 0 or 1" }).optional();
const port = z.coerce.number({ message: "must be a port number" }).int().min(1).max(65_535);
/** "10.0.0.0/8, 192.0.2.4, fd00::/8": addresses and CIDR ranges, as a list. */
function isAddressOrRange(entry: string): boolean {
  const [address, prefix, extra] = entry.split("/");
  const family = isIP(address);
  if (family === 0 || extra !== undefined) return false;
  return prefix === undefined || (/^\d+$/.test(prefix) && Number(prefix) <= (family === 4 ? 32 : 128));
}
const addressList = z
  .string()
  .default("")
  .transform((value) => value.split(/[\s,]+/).filter(Boolean))
  .refine((entries) => entries.every(isAddressOrRange), "must be IP addresses or CIDR ranges, separated by commas");
/** "a, b c": a list of names. */
const nameList = z
  .string()
  .default("")
  .transform((value) => value.split(/[\s,]+/).filter(Boolean));
const postgresUrl = z.url({ protocol: /^postgres(ql)?$/, message: "must be a postgresql:// URL" });

const schema = z.object({
  NODE_ENV: z.enum(["development", "production", "test"]).default("development"),
  /** PostgreSQL to use; without it, commands start the embedded server and set it for what they run. */
  DATABASE_URL: postgresUrl.optional(),
  DATABASE_POOL_SIZE: z.coerce.number({ message: "must be a whole number" }).int().min(1).max(200).default(10),
  EMBEDDED_PG_PORT: port.default(54329),
  EMBEDDED_PG_DIR: z.string().min(1).optional(),
  TEST_DATABASE_URL: postgresUrl.optional(),
  /** `npm run bench -- --only desk` on this database (bench accounts are added to it) instead of a demo-seeded scratch one. */
  DESK_BENCH_DATABASE_URL: postgresUrl.optional(),
  HOST: z.string().min(1).default("localhost"),
  PORT: port.default(3000),
  E2E_PORT: port.default(3100),
  AUTH_SECRET: z.string().min(16).optional(),
  /** The public address of the app, when it differs from the address requests arrive at. */
  AUTH_URL: z.url().optional(),
  SEED_PASSWORD: z.string().min(8).default("presswatch"),
  SEED_DEMO: flag,
  /** 1: outbound fetches may reach private and loopback addresses (tests only). */
  PRESSWATCH_ALLOW_PRIVATE_FETCH: flag,
  /** 0: npm start and the e2e server run no worker. */
  PRESSWATCH_WORKER: flag,
  /**
   * Proxies in front of the app whose X-Forwarded-For / X-Forwarded-Proto are believed (addresses or CIDR
   * ranges). None by default: then the socket's own address is the client's.
   */
  TRUSTED_PROXIES: addressList,
  /** Requests one API token may make per window (429 with Retry-After past it). */
  API_RATE_LIMIT_REQUESTS: z.coerce.number({ message: "must be a whole number" }).int().min(1).default(600),
  API_RATE_LIMIT_WINDOW_SECONDS: z.coerce.number({ message: "must be a whole number" }).int().min(1).default(60),
  /** pino's level for the server's JSON log. */
  LOG_LEVEL: z.enum(["fatal", "error", "warn", "info", "debug", "trace", "silent"]).default("info"),
  /** Sign-in through the team's identity provider (OpenID Connect), beside passwords, when all three are set. */
  OIDC_ISSUER: z.url().optional(),
  OIDC_CLIENT_ID: z.string().min(1).optional(),
  OIDC_CLIENT_SECRET: z.string().min(1).optional(),
  /** What the login page calls the identity provider ("Continue with ..."). */
  OIDC_NAME: z.string().min(1).default("single sign-on"),
  OIDC_SCOPE: z.string().min(1).default("openid email profile"),
  /** The profile claim holding the person's groups, and the groups that make admins and analysts. */
  OIDC_ROLE_CLAIM: z.string().min(1).default("groups"),
  OIDC_ADMIN_GROUPS: nameList,
  OIDC_ANALYST_GROUPS: nameList,
  WORKER_CONCURRENCY: z.coerce.number({ message: "must be a whole number" }).int().min(1).max(32).default(2),
  /** "Best match" halves an article's score every this many days. */
  SEARCH_RECENCY_HALF_LIFE_DAYS: z
    .string()
    .regex(/^\d+(\.\d+)?$/, "must be a number of days")
    .optional(),
  CHROMIUM_PATH: z.string().min(1).default("/usr/bin/chromium"),
  /** Outgoing mail server for watches (smtp:// or smtps://); unset: messages are written as .eml files. */
  SMTP_URL: z.url({ protocol: /^smtps?$/, message: "must be an smtp:// or smtps:// URL" }).optional(),
  /** The sender of watch emails. */
  MAIL_FROM: z.string().min(3).default("Presswatch <presswatch@localhost>"),
  /** Where .eml files go without SMTP_URL (default .data/mail). */
  MAIL_DIR: z.string().min(1).optional(),
  /** Immediate watch emails wait this long to gather what else arrives (one message per window). */
  WATCH_BATCH_SECONDS: z.coerce.number({ message: "must be a number of seconds" }).int().min(0).max(3600).default(60),
  CI: z.string().optional(),
});

export type Env = z.infer<typeof schema>;

export class EnvError extends Error {
  override name = "EnvError";
}

/** Empty strings count as unset, as shells and .env files write them. */
function present(source: NodeJS.ProcessEnv): Record<string, string> {
  return Object.fromEntries(Object.entries(source).filter((entry): entry is [string, string] => entry[1] !== ""));
}

const NAMES = Object.keys(schema.shape);
/** The last settings read, and the values they were read from. */
let last: { key: string; env: Env } | undefined;

export function env(): Env {
  // Read on every request (the proxy, Auth.js, the database): parsing the whole environment each time was ~1%
  // of the web server's CPU per page. The settings are parsed again whenever one of their variables changes
  // (commands set DATABASE_URL, tests stub variables), so a cached answer is never a stale one.
  const key = NAMES.map((name) => process.env[name] ?? "\u0000").join("\u0001");
  if (last?.key === key) return last.env;
  const parsed = schema.safeParse(present(process.env));
  if (parsed.success) {
    last = { key, env: parsed.data };
    return parsed.data;
  }
  const problems = parsed.error.issues.map((issue) => `  ${issue.path.join(".")}: ${issue.message}`);
  throw new EnvError(`The environment has invalid settings (see .env.example):\n${problems.join("\n")}`);
}

/** For commands that resolved their database: what they run and import from now on uses it. */
export function setDatabaseUrl(url: string): void {
  process.env.DATABASE_URL = url;
}

/** The environment a command passes to the processes it starts (the web server, the worker), plus `extra`. */
export function childEnv(extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  return { ...process.env, ...extra };
}
