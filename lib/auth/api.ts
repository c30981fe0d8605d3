import "server-only";
import type { CurrentUser } from "@/lib/auth/session";
import { findApiTokenByHash, hashApiToken, markApiTokenUsed, TOKEN_PATTERN } from "@/lib/data/tokens";
import { isDatabaseUnavailable, RETRY_AFTER_SECONDS } from "@/lib/db/availability";
import { AppError, ForbiddenError, TooManyRequestsError, UnauthorizedError } from "@/lib/errors";
import type { TokenScope } from "@/lib/generated/prisma/enums";
import { logger, requestLogger } from "@/lib/log";
import { can, ROLE_LABELS, type Permission } from "@/lib/permissions";

// The machine API (/api/v1/...) answers to an `Authorization: Bearer pw_...` token or, for a signed-in
// browser, to the session. A token never does more than its owner's role allows, nor more than its scope.

export type ApiCaller = { user: CurrentUser; via: "token" | "session"; tokenId?: number; tokenName?: string };

// An INGEST token may also read: scopes are ordered, and a request needs at least the one it names.
const SCOPE_RANK: Record<TokenScope, number> = { READ: 1, INGEST: 2 };
const SCOPE_LABELS: Record<TokenScope, string> = { READ: "Read", INGEST: "Ingest" };
const BEARER = /^Bearer[ \t]+(\S+)[ \t]*$/i;

export async function authenticateApiRequest(
  request: Request,
  permission: Permission,
  options: { scope?: TokenScope } = {},
): Promise<ApiCaller> {
  const header = request.headers.get("authorization");
  if (header !== null) return authenticateToken(header, permission, options.scope ?? "READ");

  // Without cookies there can be no session: answer without decoding one.
  if (!request.headers.get("cookie"))
    throw new UnauthorizedError("Send an API token as `Authorization: Bearer <token>`, or sign in.");
  // Imported here, not at the top: token requests never load Auth.js, which only runs inside Next.js
  // (it imports "next/server" by a path plain Node cannot resolve), so the token path also runs in tests and scripts.
  const { getCurrentUser } = await import("@/lib/auth/session");
  const user = await getCurrentUser();
  if (!user) throw new UnauthorizedError("Your session has ended: sign in again, or send an API token.");
  if (!can(user.role, permission))
    throw new ForbiddenError(`Your role (${ROLE_LABELS[user.role]}) does not allow this.`);
  return { user, via: "session" };
}

async function authenticateToken(header: string, permission: Permission, scope: TokenScope): Promise<ApiCaller> {
  const secret = BEARER.exec(header.trim())?.[1];
  if (!secret) throw new UnauthorizedError("Send the API token as `Authorization: Bearer <token>`.");
  // The lookup is by the secret's sha256, so response times say nothing about the secret itself.
  const token = TOKEN_PATTERN.test(secret) ? await findApiTokenByHash(hashApiToken(secret)) : null;
  if (!token) throw new UnauthorizedError("Unknown API token.");
  if (token.revokedAt) throw new UnauthorizedError("This API token has been revoked.");
  const now = new Date();
  if (token.expiresAt && token.expiresAt.getTime() <= now.getTime()) {
    throw new UnauthorizedError(`This API token expired on ${token.expiresAt.toISOString().slice(0, 10)}.`);
  }
  if (!token.user.active) throw new UnauthorizedError("The account this API token belongs to is deactivated.");
  if (SCOPE_RANK[token.scope] < SCOPE_RANK[scope]) {
    throw new ForbiddenError(
      `This token's scope (${SCOPE_LABELS[token.scope]}) is too weak: this needs the ${SCOPE_LABELS[scope]} scope.`,
    );
  }
  if (!can(token.user.role, permission)) {
    throw new ForbiddenError(
      `The token's owner is a ${ROLE_LABELS[token.user.role].toLowerCase()}, whose role does not allow this.`,
    );
  }
  if (!token.lastUsedAt || now.getTime() - token.lastUsedAt.getTime() >= 60_000) await markApiTokenUsed(token.id, now);
  const { id, email, name, role, timeZone } = token.user;
  return {
    user: { id, email, name, role, timeZone: timeZone ?? "UTC" },
    via: "token",
    tokenId: token.id,
    tokenName: token.name,
  };
}

/**
 * The JSON error answer for a failed API request; unexpected errors are logged and masked. A database that
 * cannot be reached is 503 with Retry-After: the request will work again once it is back.
 */
export function apiErrorResponse(error: unknown, requestHeaders?: Headers): Response {
  if (isDatabaseUnavailable(error)) {
    return Response.json(
      { error: "The database is unavailable right now; try again shortly." },
      {
        status: 503,
        headers: { "Cache-Control": "no-store", "Retry-After": String(RETRY_AFTER_SECONDS) },
      },
    );
  }
  if (error instanceof AppError) {
    const headers = new Headers({ "Cache-Control": "no-store" });
    if (error.status === 401) headers.set("WWW-Authenticate", 'Bearer realm="presswatch"');
    if (error instanceof TooManyRequestsError) headers.set("Retry-After", String(error.retryAfterSeconds));
    return Response.json({ error: error.message }, { status: error.status, headers });
  }
  (requestHeaders ? requestLogger(requestHeaders) : logger).error({ err: error }, "API request failed");
  return Response.json(
    { error: "Something went wrong on our side. Please try again." },
    { status: 500, headers: { "Cache-Control": "no-store" } },
  );
}
