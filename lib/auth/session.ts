import "server-only";
import { cache } from "react";
import { forbidden, redirect } from "next/navigation";
import { findSessionUser } from "@/lib/data/users";
import { auth } from "@/lib/auth/auth";
import { ForbiddenError, UnauthorizedError } from "@/lib/errors";
import { can, type Permission } from "@/lib/permissions";
import type { Role } from "@/lib/generated/prisma/enums";

export type CurrentUser = { id: number; email: string; name: string; role: Role; timeZone: string };

/**
 * The signed-in user, re-read from the database on every request: a deactivated account, or a session
 * older than the account's last role change or password reset, counts as signed out.
 */
export const getCurrentUser = cache(async (): Promise<CurrentUser | null> => {
  const session = await auth();
  const id = Number(session?.user?.id);
  if (!session || !Number.isInteger(id) || id <= 0) return null;
  const user = await findSessionUser(id);
  if (!user || !user.active || user.sessionVersion !== session.sessionVersion) return null;
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
