import "server-only";
import { cache } from "react";
import { forbidden, redirect } from "next/navigation";
import { findSessionUser } from "@/lib/data/users";
import { auth } from "@/lib/auth/auth";
import { ForbiddenError, UnauthorizedError } from "@/lib/errors";
import { can, type Permission } from "@/lib/permissions";
import type { Role } from "@/lib/generated/prisma/enums";

export type CurrentUser = { id: number; email: string; name: string; role: Role; timeZone: string };

/** The id of the server-side session the request's cookie names, before any check of it. */
export const getCurrentSessionId = cache(async (): Promise<string | null> => {
  const session = await auth();
  return session?.sessionId || null;
});

/**
 * The signed-in user, re-read from the database on every request: a deactivated account, or a session that
 * was ended (signed out, ended from another browser, or by a password reset or role change) or is unknown,
 * counts as signed out.
 */
export const getCurrentUser = cache(async (): Promise<CurrentUser | null> => {
  const session = await auth();
  const id = Number(session?.user?.id);
  if (!session || !Number.isInteger(id) || id <= 0 || !session.sessionId) return null;
  const user = await findSessionUser(id, session.sessionId);
  if (!user || !user.active) return null;
  return { id: user.id, email: user.email, name: user.name, role: user.role, timeZone: user.timeZone ?? "UTC" };
});

/** For pages and layouts: anonymous visitors go to the login page. */
export async function requireUser(): Promise<CurrentUser> {
  const user = await getCurrentUser();
  if (!user) redirect("/login");
  return user;
}

/** For pages: a signed-in user without the permission gets the 403 page. */
export async function requirePagePermission(permission: Permission): Promise<CurrentUser> {
  const user = await requireUser();
  if (!can(user.role, permission)) forbidden();
  return user;
}

/** For server actions and route handlers: throws, so the caller answers 401 or 403 instead of a page. */
export async function requirePermission(permission: Permission): Promise<CurrentUser> {
  const user = await getCurrentUser();
  if (!user) throw new UnauthorizedError();
  if (!can(user.role, permission)) throw new ForbiddenError();
  return user;
}
