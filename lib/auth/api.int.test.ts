import { randomBytes } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { apiErrorResponse, authenticateApiRequest } from "@/lib/auth/api";
import { createApiToken, generateApiTokenSecret, revokeApiToken } from "@/lib/data/tokens";
import { AppError, ConflictError, ForbiddenError, UnauthorizedError } from "@/lib/errors";

const PREFIX = `api-auth-int-${randomBytes(3).toString("hex")}-`;
const SYSTEM = { id: null };
const users: Record<"analyst" | "viewer" | "leaver", number> = { analyst: 0, viewer: 0, leaver: 0 };

function requestWith(authorization?: string): Request {
  return new Request("http://test.local/api/v1/articles", {
    method: "POST",
    headers: authorization === undefined ? {} : { authorization },
  });
}

async function tokenFor(user: keyof typeof users, scope: "READ" | "INGEST") {
  return createApiToken({ userId: users[user], name: `${PREFIX}${user}-${scope}`, scope }, SYSTEM);
}

async function refusal(request: Request, scope: "READ" | "INGEST" = "INGEST"): Promise<AppError> {
  const error = await authenticateApiRequest(request, "ingest:create", { scope }).then(
    () => null,
    (thrown: unknown) => thrown,
  );
  expect(error, "the request should have been refused").toBeInstanceOf(AppError);
  return error as AppError;
}

describe("authenticateApiRequest", () => {
  beforeAll(async () => {
    for (const [name, role] of [
      ["analyst", "ANALYST"],
      ["viewer", "VIEWER"],
      ["leaver", "ANALYST"],
    ] as const) {
      users[name] = (
        await db.user.create({
          data: { email: `${PREFIX}${name}@example.com`, name, role, passwordHash: "x" },
          select: { id: true },
        })
      ).id;
    }
  });
  afterAll(async () => {
    await db.user.deleteMany({ where: { email: { startsWith: PREFIX } } });
  });

  it("refuses a request without credentials with 401", async () => {
    const error = await refusal(requestWith());
    expect(error).toBeInstanceOf(UnauthorizedError);
    expect(error.message).toMatch(/Authorization: Bearer/);
  });

  it.each(["Basic dXNlcjpwYXNz", "Bearer", "Bearer    ", "Token pw_abc", "Bearer pw_a pw_b"])(
    "refuses the malformed header %j with 401",
    async (header) => {
      const error = await refusal(requestWith(header));
      expect(error).toBeInstanceOf(UnauthorizedError);
      expect(error.message).toBe("Send the API token as `Authorization: Bearer <token>`.");
    },
  );

  it("refuses unknown tokens, well-formed or not, with 401", async () => {
    for (const secret of [generateApiTokenSecret(), "pw_short", "not-a-presswatch-token"]) {
      const error = await refusal(requestWith(`Bearer ${secret}`));
      expect(error).toBeInstanceOf(UnauthorizedError);
      expect(error.message).toBe("Unknown API token.");
    }
  });

  it("refuses a revoked token with 401", async () => {
    const { token, record } = await tokenFor("analyst", "INGEST");
    await authenticateApiRequest(requestWith(`Bearer ${token}`), "ingest:create", { scope: "INGEST" });
    await revokeApiToken(record.id, SYSTEM);
    const error = await refusal(requestWith(`Bearer ${token}`));
    expect(error).toBeInstanceOf(UnauthorizedError);
    expect(error.message).toBe("This API token has been revoked.");
  });

  it("refuses an expired token with 401", async () => {
    const { token, record } = await tokenFor("analyst", "INGEST");
    await db.apiToken.update({ where: { id: record.id }, data: { expiresAt: new Date("2025-03-01T12:00:00Z") } });
    const error = await refusal(requestWith(`Bearer ${token}`));
    expect(error).toBeInstanceOf(UnauthorizedError);
    expect(error.message).toBe("This API token expired on 2025-03-01.");
  });

  it("refuses the token of a deactivated user with 401", async () => {
    const { token } = await tokenFor("leaver", "INGEST");
    // Directly, not through setUserActive (which also revokes tokens): the check must stand on its own.
    await db.user.update({ where: { id: users.leaver }, data: { active: false } });
    const error = await refusal(requestWith(`Bearer ${token}`));
    expect(error).toBeInstanceOf(UnauthorizedError);
    expect(error.message).toBe("The account this API token belongs to is deactivated.");
  });

  it("refuses a READ token for ingestion with 403, but lets it read", async () => {
    const { token } = await tokenFor("analyst", "READ");
    const error = await refusal(requestWith(`Bearer ${token}`));
    expect(error).toBeInstanceOf(ForbiddenError);
    expect(error.message).toBe("This token's scope (Read) is too weak: this needs the Ingest scope.");
    const caller = await authenticateApiRequest(requestWith(`Bearer ${token}`), "articles:export", { scope: "READ" });
    expect(caller.user.id).toBe(users.analyst);
  });

  it("refuses a viewer's INGEST token with 403: a token never outranks its owner", async () => {
    const { token } = await tokenFor("viewer", "INGEST");
    const error = await refusal(requestWith(`Bearer ${token}`));
    expect(error).toBeInstanceOf(ForbiddenError);
    expect(error.message).toBe("The token's owner is a viewer, whose role does not allow this.");
    // The same token may read, as its owner may.
    const caller = await authenticateApiRequest(requestWith(`Bearer ${token}`), "articles:read");
    expect(caller.user.role).toBe("VIEWER");
  });

  it("accepts a good token, names its owner and records its use at most once a minute", async () => {
    const { token, record } = await tokenFor("analyst", "INGEST");
    const caller = await authenticateApiRequest(requestWith(`bearer  ${token} `), "ingest:create", { scope: "INGEST" });
    expect(caller).toEqual({
      user: {
        id: users.analyst,
        email: `${PREFIX}analyst@example.com`,
        name: "analyst",
        role: "ANALYST",
        timeZone: "UTC",
      },
      via: "token",
      tokenId: record.id,
      tokenName: record.name,
    });
    const first = (await db.apiToken.findUniqueOrThrow({ where: { id: record.id } })).lastUsedAt;
    expect(first).toBeInstanceOf(Date);
    expect(Date.now() - first!.getTime()).toBeLessThan(10_000);

    await authenticateApiRequest(requestWith(`Bearer ${token}`), "ingest:create", { scope: "INGEST" });
    expect((await db.apiToken.findUniqueOrThrow({ where: { id: record.id } })).lastUsedAt).toEqual(first);

    const twoMinutesAgo = new Date(Date.now() - 120_000);
    await db.apiToken.update({ where: { id: record.id }, data: { lastUsedAt: twoMinutesAgo } });
    await authenticateApiRequest(requestWith(`Bearer ${token}`), "ingest:create", { scope: "INGEST" });
    const third = (await db.apiToken.findUniqueOrThrow({ where: { id: record.id } })).lastUsedAt!;
    expect(third.getTime()).toBeGreaterThan(twoMinutesAgo.getTime() + 60_000);
  });
});

describe("apiErrorResponse", () => {
  it("answers 401 with a Bearer challenge", async () => {
    const response = apiErrorResponse(new UnauthorizedError("Unknown API token."));
    expect(response.status).toBe(401);
    expect(response.headers.get("www-authenticate")).toBe('Bearer realm="presswatch"');
    expect(await response.json()).toEqual({ error: "Unknown API token." });
  });

  it("keeps the status and message of other expected errors, without a challenge", async () => {
    const response = apiErrorResponse(new ConflictError("Already there."));
    expect(response.status).toBe(409);
    expect(response.headers.get("www-authenticate")).toBeNull();
    expect(await response.json()).toEqual({ error: "Already there." });
    expect(apiErrorResponse(new ForbiddenError()).status).toBe(403);
  });

  it("masks unexpected errors as a generic 500", async () => {
    const log = console.error;
    console.error = () => {};
    try {
      const response = apiErrorResponse(new Error("connection to 10.1.2.3 refused"));
      expect(response.status).toBe(500);
      expect(JSON.stringify(await response.json())).not.toContain("10.1.2.3");
    } finally {
      console.error = log;
    }
  });
});
