import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import {
  createApiToken,
  hashApiToken,
  listApiTokens,
  revokeApiToken,
  TOKEN_PATTERN,
  tokenStatus,
} from "@/lib/data/tokens";
import { InvalidError, NotFoundError } from "@/lib/errors";
import { createTestUser, deleteTestUsers, randomTag } from "@/test/factories";

const USERS = randomTag("tokens-int-");
const PREFIX = `${USERS}-`;
let adminId: number;
let ownerId: number;
let inactiveId: number;

async function cleanup() {
  await db.auditEvent.deleteMany({
    where: { action: { startsWith: "token." }, meta: { path: ["name"], string_starts_with: PREFIX } },
  });
  await deleteTestUsers(USERS);
}

describe("API token data", () => {
  beforeAll(async () => {
    adminId = (await createTestUser(USERS, "admin", { role: "ADMIN" })).id;
    ownerId = (await createTestUser(USERS, "owner", { role: "ANALYST" })).id;
    inactiveId = (await createTestUser(USERS, "gone", { role: "ANALYST", active: false })).id;
  });
  afterAll(cleanup);

  it("creates a token whose secret is returned once and stored only as its sha256", async () => {
    const { token, record } = await createApiToken(
      { userId: ownerId, name: `${PREFIX}feed`, scope: "INGEST" },
      { id: adminId, role: "ADMIN", ip: "10.0.0.1" },
    );
    expect(token).toMatch(TOKEN_PATTERN);
    expect(token).toHaveLength(46);
    expect(record).toMatchObject({
      userId: ownerId,
      name: `${PREFIX}feed`,
      scope: "INGEST",
      prefix: token.slice(0, 10),
      expiresAt: null,
      revokedAt: null,
    });
    expect(record).not.toHaveProperty("tokenHash");
    const stored = await db.apiToken.findUniqueOrThrow({ where: { id: record.id } });
    expect(stored.tokenHash).toBe(hashApiToken(token));
    expect(stored.tokenHash).toMatch(/^[0-9a-f]{64}$/);
    expect(JSON.stringify(stored)).not.toContain(token.slice(10));
    const audit = await db.auditEvent.findFirstOrThrow({
      where: { action: "token.create", targetId: String(record.id) },
    });
    expect(audit).toMatchObject({ actorId: adminId, targetType: "api_token", ip: "10.0.0.1" });
    expect(audit.meta).toMatchObject({
      name: `${PREFIX}feed`,
      scope: "INGEST",
      owner: `${PREFIX}owner@example.com`,
      prefix: record.prefix,
    });
    expect(JSON.stringify(audit.meta)).not.toContain(token.slice(10));
  });

  it("makes a different secret every time", async () => {
    const a = await createApiToken({ userId: ownerId, name: `${PREFIX}a`, scope: "READ" }, { id: null });
    const b = await createApiToken({ userId: ownerId, name: `${PREFIX}b`, scope: "READ" }, { id: null });
    expect(a.token).not.toBe(b.token);
    const audit = await db.auditEvent.findFirstOrThrow({
      where: { action: "token.create", targetId: String(a.record.id) },
    });
    expect(audit.actorId).toBeNull();
    expect(audit.meta).toMatchObject({ via: "cli" });
  });

  it("refuses deactivated or unknown owners, empty names and past expiry dates", async () => {
    await expect(
      createApiToken({ userId: inactiveId, name: `${PREFIX}x`, scope: "READ" }, { id: adminId, role: "ADMIN" }),
    ).rejects.toThrow(/deactivated/);
    await expect(
      createApiToken({ userId: 2_000_000_000, name: `${PREFIX}x`, scope: "READ" }, { id: adminId, role: "ADMIN" }),
    ).rejects.toBeInstanceOf(NotFoundError);
    await expect(
      createApiToken({ userId: ownerId, name: "  ", scope: "READ" }, { id: adminId, role: "ADMIN" }),
    ).rejects.toBeInstanceOf(InvalidError);
    await expect(
      createApiToken(
        { userId: ownerId, name: `${PREFIX}x`, scope: "READ", expiresAt: new Date(Date.now() - 1000) },
        { id: adminId, role: "ADMIN" },
      ),
    ).rejects.toThrow("The expiry must be in the future.");
    expect(await db.apiToken.count({ where: { name: `${PREFIX}x` } })).toBe(0);
  });

  it("revokes once, audited once, and lists tokens with their owner but never the hash", async () => {
    const expiresAt = new Date(Date.now() + 30 * 86_400_000);
    const { record } = await createApiToken(
      { userId: ownerId, name: `${PREFIX}revoke-me`, scope: "READ", expiresAt },
      { id: adminId, role: "ADMIN" },
    );
    await revokeApiToken(record.id, { id: adminId, role: "ADMIN" });
    await revokeApiToken(record.id, { id: adminId, role: "ADMIN" });
    expect(await db.auditEvent.count({ where: { action: "token.revoke", targetId: String(record.id) } })).toBe(1);
    await expect(revokeApiToken(2_000_000_000, { id: adminId, role: "ADMIN" })).rejects.toBeInstanceOf(NotFoundError);

    const listed = (await listApiTokens()).find((token) => token.id === record.id)!;
    expect(listed.user).toMatchObject({ id: ownerId, email: `${PREFIX}owner@example.com` });
    expect(listed.expiresAt?.getTime()).toBe(expiresAt.getTime());
    expect(listed.revokedAt).toBeInstanceOf(Date);
    expect(listed).not.toHaveProperty("tokenHash");
    expect(tokenStatus(listed)).toBe("revoked");
  });

  it("tells active, expired and revoked apart", () => {
    const now = new Date("2026-01-01T00:00:00Z");
    expect(tokenStatus({ revokedAt: null, expiresAt: null }, now)).toBe("active");
    expect(tokenStatus({ revokedAt: null, expiresAt: new Date("2026-01-01T00:00:01Z") }, now)).toBe("active");
    expect(tokenStatus({ revokedAt: null, expiresAt: now }, now)).toBe("expired");
    expect(tokenStatus({ revokedAt: now, expiresAt: new Date("2025-01-01T00:00:00Z") }, now)).toBe("revoked");
  });
});
