import "server-only";
import { db } from "@/lib/db";
import { isUniqueViolation } from "@/lib/db/errors";
import { recordAudit } from "@/lib/data/audit";
import { authorize, isAdmin, type Actor } from "@/lib/data/actor";
import { ConflictError, ForbiddenError, InvalidError, NotFoundError } from "@/lib/errors";
import { Prisma } from "@/lib/generated/prisma/client";
import { createViewSchema, renameViewSchema } from "@/lib/validation/views";

// Saved views: a named article-list filter (the list's canonical query string), private to its owner or
// shared with the team.
//
//   createView({ name, query, shared }, actor)   "views:save"; sharing needs "views:share"
//   listViews(actor)                             the actor's views, then the ones others share, with owner names
//   renameView(viewId, name, actor)              owner or admin
//   setViewShared(viewId, shared, actor)         owner ("views:share" to share) or admin (unsharing)
//   deleteView(viewId, actor)                    owner or admin
// Changes to a shared view are audited: the team sees it, so "who changed it?" is a fair question.

export type SavedViewItem = {
  id: number;
  name: string;
  /** Query string for the list: `/?${query}`. */
  query: string;
  shared: boolean;
  owner: { id: number; name: string };
  mine: boolean;
  createdAt: Date;
  updatedAt: Date;
};

const SELECT = {
  id: true,
  name: true,
  query: true,
  shared: true,
  createdAt: true,
  updatedAt: true,
  owner: { select: { id: true, name: true } },
} as const;

function parsed<T>(
  result:
    { success: true; data: T } | { success: false; error: { issues: { path: PropertyKey[]; message: string }[] } },
): T {
  if (result.success) return result.data;
  const [issue] = result.error.issues;
  throw new InvalidError(issue.message, { [String(issue.path[0] ?? "form")]: [issue.message] });
}

/** "Launches" and "launches" side by side in a sidebar would only confuse: names are unique per owner in any case. */
async function assertNameFree(
  tx: Prisma.TransactionClient,
  ownerId: number,
  name: string,
  exceptId?: number,
): Promise<void> {
  const clash = await tx.savedView.findFirst({
    where: { ownerId, name: { equals: name, mode: "insensitive" }, ...(exceptId ? { id: { not: exceptId } } : {}) },
    select: { name: true },
  });
  if (clash) throw new ConflictError(`There is already a view named “${clash.name}”.`);
}

function toItem(view: Omit<SavedViewItem, "mine">, actor: Actor): SavedViewItem {
  return { ...view, mine: view.owner.id === actor.id };
}

export async function createView(
  input: { name: string; query: string; shared?: boolean },
  actor: Actor,
): Promise<SavedViewItem> {
  authorize(actor, "views:save");
  const { name, query, shared } = parsed(createViewSchema.safeParse(input));
  if (shared) authorize(actor, "views:share");
  try {
    return await db.$transaction(async (tx) => {
      await assertNameFree(tx, actor.id, name);
      const view = await tx.savedView.create({ data: { ownerId: actor.id, name, query, shared }, select: SELECT });
      if (shared) {
        await recordAudit(tx, {
          actorId: actor.id,
          action: "view.create",
          targetType: "saved_view",
          targetId: view.id,
          meta: { name, query, shared },
          ip: actor.ip,
        });
      }
      return toItem(view, actor);
    });
  } catch (error) {
    if (isUniqueViolation(error)) throw new ConflictError(`There is already a view named “${name}”.`);
    throw error;
  }
}

export async function listViews(actor: Actor): Promise<SavedViewItem[]> {
  // The owners' names joined in SQL: Prisma's nested select would read them with a second query, and every
  // desk page lists the views.
  const rows = await db.$queryRaw<(Omit<SavedViewItem, "owner" | "mine"> & { ownerId: number; ownerName: string })[]>`
    SELECT v.id, v.name, v.query, v.shared, v.created_at AS "createdAt", v.updated_at AS "updatedAt",
           u.id AS "ownerId", u.name AS "ownerName"
    FROM saved_views v JOIN users u ON u.id = v.owner_id
    WHERE v.owner_id = ${actor.id} OR v.shared`;
  const collator = new Intl.Collator("en", { sensitivity: "base", numeric: true });
  return rows
    .map(({ ownerId, ownerName, ...view }) => toItem({ ...view, owner: { id: ownerId, name: ownerName } }, actor))
    .sort((a, b) => Number(b.mine) - Number(a.mine) || collator.compare(a.name, b.name) || a.id - b.id);
}

async function loadOwned(viewId: number, actor: Actor) {
  const view = await db.savedView.findUnique({
    where: { id: viewId },
    select: { id: true, ownerId: true, name: true, shared: true },
  });
  // Someone else's private view does not exist as far as this actor can tell.
  if (!view || (view.ownerId !== actor.id && !view.shared && !isAdmin(actor)))
    throw new NotFoundError("That view no longer exists.");
  if (view.ownerId !== actor.id && !isAdmin(actor))
    throw new ForbiddenError("Only its owner or an admin can change this view.");
  return view;
}

export async function renameView(viewId: number, name: string, actor: Actor): Promise<SavedViewItem> {
  authorize(actor, "views:save");
  const input = parsed(renameViewSchema.safeParse({ viewId, name }));
  const view = await loadOwned(viewId, actor);
  try {
    return await db.$transaction(async (tx) => {
      await assertNameFree(tx, view.ownerId, input.name, viewId);
      const updated = await tx.savedView.update({ where: { id: viewId }, data: { name: input.name }, select: SELECT });
      if (view.shared) {
        await recordAudit(tx, {
          actorId: actor.id,
          action: "view.rename",
          targetType: "saved_view",
          targetId: viewId,
          meta: { from: view.name, to: input.name },
          ip: actor.ip,
        });
      }
      return toItem(updated, actor);
    });
  } catch (error) {
    if (isUniqueViolation(error)) throw new ConflictError(`There is already a view named “${input.name}”.`);
    throw error;
  }
}

export async function setViewShared(viewId: number, shared: boolean, actor: Actor): Promise<SavedViewItem> {
  authorize(actor, "views:save");
  const view = await loadOwned(viewId, actor);
  if (shared) authorize(actor, "views:share");
  return db.$transaction(async (tx) => {
    const updated = await tx.savedView.update({ where: { id: viewId }, data: { shared }, select: SELECT });
    if (view.shared !== shared) {
      await recordAudit(tx, {
        actorId: actor.id,
        action: shared ? "view.share" : "view.unshare",
        targetType: "saved_view",
        targetId: viewId,
        meta: { name: view.name },
        ip: actor.ip,
      });
    }
    return toItem(updated, actor);
  });
}

export async function deleteView(viewId: number, actor: Actor): Promise<void> {
  authorize(actor, "views:save");
  const view = await loadOwned(viewId, actor);
  await db.$transaction(async (tx) => {
    await tx.savedView.deleteMany({ where: { id: viewId } });
    if (view.shared) {
      await recordAudit(tx, {
        actorId: actor.id,
        action: "view.delete",
        targetType: "saved_view",
        targetId: viewId,
        meta: { name: view.name, ownerId: view.ownerId },
        ip: actor.ip,
      });
    }
  });
}

/** Changes a view's filter (the REST API's PATCH): owner or admin, audited when the team sees the view. */
export async function setViewQuery(viewId: number, query: string, actor: Actor): Promise<SavedViewItem> {
  authorize(actor, "views:save");
  const view = await loadOwned(viewId, actor);
  const normalized = parsed(createViewSchema.pick({ query: true }).safeParse({ query })).query;
  return db.$transaction(async (tx) => {
    const updated = await tx.savedView.update({ where: { id: viewId }, data: { query: normalized }, select: SELECT });
    if (view.shared) {
      await recordAudit(tx, {
        actorId: actor.id,
        action: "view.query",
        targetType: "saved_view",
        targetId: viewId,
        meta: { name: view.name, query: normalized },
        ip: actor.ip,
      });
    }
    return toItem(updated, actor);
  });
}
