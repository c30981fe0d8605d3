import "server-only";
import { db } from "@/lib/db";

// Failed logins are counted in PostgreSQL so every server process sees the same numbers.
export const ACCOUNT_LIMIT = 5;
export const ADDRESS_LIMIT = 20;
export const WINDOW_MS = 15 * 60 * 1000;

export type ThrottleVerdict = { allowed: true } | { allowed: false; retryAfterSeconds: number };

export async function checkLoginThrottle(email: string, ip: string, now = new Date()): Promise<ThrottleVerdict> {
  const since = new Date(now.getTime() - WINDOW_MS);
  const lastSuccess = await db.loginAttempt.findFirst({
    where: { email, success: true, createdAt: { gte: since } },
    orderBy: { createdAt: "desc" },
    select: { createdAt: true },
  });
  const accountSince = lastSuccess ? lastSuccess.createdAt : since;
  const [accountFailures, addressFailures] = await Promise.all([
    db.loginAttempt.findMany({
      where: { email, success: false, createdAt: { gt: accountSince } },
      orderBy: { createdAt: "desc" },
      take: ACCOUNT_LIMIT,
      select: { createdAt: true },
    }),
    db.loginAttempt.findMany({
      where: { ip, success: false, createdAt: { gte: since } },
      orderBy: { createdAt: "desc" },
      take: ADDRESS_LIMIT,
      select: { createdAt: true },
    }),
  ]);
  const blockedUntil = Math.max(
    accountFailures.length >= ACCOUNT_LIMIT ? accountFailures[ACCOUNT_LIMIT - 1].createdAt.getTime() + WINDOW_MS : 0,
    addressFailures.length >= ADDRESS_LIMIT ? addressFailures[ADDRESS_LIMIT - 1].createdAt.getTime() + WINDOW_MS : 0,
  );
  if (blockedUntil > now.getTime()) {
    return { allowed: false, retryAfterSeconds: Math.ceil((blockedUntil - now.getTime()) / 1000) };
  }
  return { allowed: true };
}

export async function recordLoginAttempt(email: string, ip: string, success: boolean): Promise<void> {
  await db.loginAttempt.create({ data: { email, ip, success } });
}
