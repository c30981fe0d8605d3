import "server-only";
import { headers } from "next/headers";
import { revalidatePath } from "next/cache";
import { getCurrentUser, requirePermission } from "@/lib/auth/session";
import { clientAddress } from "@/lib/auth/throttle";
import { formToObject } from "@/lib/actions/run-action";
import type { DeskActor } from "@/lib/data/actor";
import { ForbiddenError, UnauthorizedError } from "@/lib/errors";
import { can, type Permission } from "@/lib/permissions";

// Helpers of the analyst's desk actions (articles.ts, annotations.ts, views.ts); not actions themselves,
// so this file is not 'use server' and nothing here can be called from a browser.

/** The signed-in user as a DeskActor, refused (401/403 as an ActionResult) without `permission`. */
export async function requireDeskActor(permission: Permission): Promise<DeskActor> {
  const user = await requirePermission(permission);
  return { id: user.id, role: user.role, ip: clientAddress(await headers()) };
}

/** Like requireDeskActor, for an action whose exact permission depends on its input (a bulk action). */
export async function requireDeskActorWithAny(permissions: Permission[]): Promise<DeskActor> {
  const user = await getCurrentUser();
  if (!user) throw new UnauthorizedError();
  if (!permissions.some((permission) => can(user.role, permission))) throw new ForbiddenError();
  return { id: user.id, role: user.role, ip: clientAddress(await headers()) };
}

/** A form's FormData as a plain object; a direct call's object as it is. */
export function actionInput(input: FormData | object): unknown {
  return input instanceof FormData ? formToObject(input) : input;
}

/** Up to this many article pages are revalidated one by one; beyond, every article page at once. */
const PAGES_ONE_BY_ONE = 20;

/** The list and the pages of the articles that changed. */
export function revalidateArticles(articleIds: number[]): void {
  if (articleIds.length > PAGES_ONE_BY_ONE) return revalidateAllArticles();
  revalidatePath("/");
  for (const id of articleIds) revalidatePath(`/articles/${id}`);
}

/** The list and every article page (after an undo, or a change to a tag every article may show). */
export function revalidateAllArticles(): void {
  revalidatePath("/");
  revalidatePath("/articles/[id]", "page");
  revalidatePath("/tags");
}
