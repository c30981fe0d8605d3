import "server-only";
import { db } from "@/lib/db";
import { authorize, isAdmin, type Actor } from "@/lib/data/actor";
import { describeTarget, resolveArticleTarget } from "@/lib/data/article-selection";
import { ConflictError, ForbiddenError, NotFoundError } from "@/lib/errors";
import { Prisma } from "@/lib/generated/prisma/client";
import { filterToQueryString } from "@/lib/validation/article-filter";
import type { BulkAction, BulkActionType, BulkSelection } from "@/lib/validation/bulk";
import { lockEffect, type BulkKind, type UndoBase } from "./kind";
import { planUndo, type UndoPlan } from "./undo-plan";
import { setStatus } from "./status";
import { addTag, removeTag } from "./tags";
import { changeTheme } from "./themes";

// Triage on many articles at once, and its undo.
//
//   applyBulkAction({ selection, action, actor })  -> { affected, requested, summary, undoToken, articleIds }
//   undoBulkAction(undoToken, actor)               -> { restored, summary }
//
// A bulk action is one transaction with one AuditEvent ("articles.bulk", meta: action, count, selection,
// the filter or the number of ids, summary). What it changed is kept in bulk_action_undo, keyed by that
// event: each kind (tags.ts, themes.ts, status.ts) says what it keeps and how it puts it back. An undo
// reverses only what its own action changed: rows someone changed since are left as they are, and so are
// articles a later, still standing action of the same effect changed or asserted (kind.ts). Each action can
// be undone once, by its author while it is their latest bulk action, or by an admin at any time; the undo
// is audited too.

export type BulkResult = {
  affected: number;
  /** Articles selected (explicit ids, or the filter's matches). */
  requested: number;
  summary: string;
  /** Pass to undoBulkAction. */
  undoToken: string;
  articleIds: number[];
};

export type UndoResult = { restored: number; summary: string };

const BULK_EVENT = "articles.bulk";
const UNDO_EVENT = "articles.bulk_undo";
const WRITE_TIMEOUT = { maxWait: 10_000, timeout: 120_000 };

type AnyKind = BulkKind<BulkAction, UndoBase & { type: BulkActionType }>;

const KINDS = {
  add_tag: addTag,
  remove_tag: removeTag,
  set_theme: changeTheme,
  clear_theme: changeTheme,
  set_status: setStatus,
} as unknown as Record<BulkActionType, AnyKind>;

export async function applyBulkAction(input: {
  selection: BulkSelection;
  action: BulkAction;
  actor: Actor;
  now?: Date;
}): Promise<BulkResult> {
  const { selection, action, actor } = input;
  const kind = KINDS[action.type];
  authorize(actor, kind.permission);
  return db.$transaction(async (tx) => {
    const ids = await resolveArticleTarget(tx, selection, input.now);
    const applied = await kind.apply(tx, ids, action, actor);
    const event = await tx.auditEvent.create({
      data: {
        actorId: actor.id,
        action: BULK_EVENT,
        meta: {
          action: action.type,
          count: applied.affected,
          requested: ids.length,
          ...describeTarget(selection),
          ...(selection.kind === "filter"
            ? { filter: filterToQueryString(selection.filter, { cursor: false }) }
            : { ids: ids.length }),
          ...applied.meta,
          summary: applied.summary,
        },
        ip: actor.ip ?? null,
      },
      select: { id: true },
    });
    await tx.bulkActionUndo.create({ data: { auditEventId: event.id, data: applied.undo } });
    return {
      affected: applied.affected,
      requested: ids.length,
      summary: applied.summary,
      undoToken: String(event.id),
      articleIds: ids,
    };
  }, WRITE_TIMEOUT);
}

type StoredUndo = UndoBase & { type: BulkActionType };

/** Every recorded action of one effect, for planUndo. */
async function actionsOfEffect(tx: Prisma.TransactionClient, effect: string) {
  const rows = await tx.$queryRaw<{ id: bigint; actorId: number | null; undoneAt: Date | null; data: StoredUndo }[]>(
    Prisma.sql`
      SELECT u.audit_event_id AS id, e.actor_id AS "actorId", u.undone_at AS "undoneAt", u.data
      FROM bulk_action_undo u JOIN audit_events e ON e.id = u.audit_event_id
      WHERE u.data->>'effect' = ${effect}`,
  );
  return rows.map((row) => ({
    ...row,
    undone: row.undoneAt !== null,
    changed: KINDS[row.data.type].changed(row.data),
  }));
}

export async function undoBulkAction(undoToken: string | bigint, actor: Actor): Promise<UndoResult> {
  const id = typeof undoToken === "bigint" ? undoToken : /^\d{1,18}$/.test(undoToken) ? BigInt(undoToken) : null;
  if (id === null) throw new NotFoundError("Nothing to undo.");
  return db.$transaction(async (tx) => {
    // Locked: a second undo of the same action waits here, then finds it undone.
    const [row] = await tx.$queryRaw<
      { data: StoredUndo; undoneAt: Date | null; actorId: number | null; meta: { summary?: string } }[]
    >(Prisma.sql`
      SELECT u.data, u.undone_at AS "undoneAt", e.actor_id AS "actorId", e.meta
      FROM bulk_action_undo u JOIN audit_events e ON e.id = u.audit_event_id
      WHERE u.audit_event_id = ${id}
      FOR UPDATE OF u`);
    if (!row) throw new NotFoundError("Nothing to undo.");
    const type = row.data.type;
    const kind = KINDS[type];
    authorize(actor, kind.permission);
    if (!isAdmin(actor)) {
      if (row.actorId !== actor.id) throw new ForbiddenError("You can undo only your own bulk actions.");
      const [latest] = await tx.$queryRaw<{ id: bigint }[]>(Prisma.sql`
        SELECT id FROM audit_events WHERE actor_id = ${actor.id} AND action = ${BULK_EVENT} ORDER BY created_at DESC, id DESC LIMIT 1`);
      if (latest?.id !== id) throw new ConflictError("Only your last bulk action can be undone.");
    }
    if (row.undoneAt) throw new ConflictError("That action has already been undone.");

    const changed = kind.changed(row.data);
    let plan: UndoPlan = { own: new Set(changed), deferred: new Map(), spared: 0 };
    let history: Awaited<ReturnType<typeof actionsOfEffect>> = [];
    // Actions recorded before undos spared colleagues carry no effect key: they undo as they always did.
    if (row.data.effect) {
      await lockEffect(tx, row.data.effect);
      history = await actionsOfEffect(tx, row.data.effect);
      plan = planUndo({ id, undone: false, data: row.data, changed }, history);
    }
    let restored = await kind.restore(tx, row.data, row.actorId, plan.own);
    for (const [earlierId, only] of plan.deferred) {
      const earlier = history.find((action) => action.id === earlierId)!;
      restored += await KINDS[earlier.data.type].restore(tx, earlier.data, earlier.actorId, only);
    }
    await tx.bulkActionUndo.update({ where: { auditEventId: id }, data: { undoneAt: new Date() } });
    const kept = plan.spared ? ` (${plan.spared.toLocaleString("en-US")} kept: a later action asked for them too)` : "";
    const summary = `Undid: ${row.meta.summary ?? type}${kept}`;
    await tx.auditEvent.create({
      data: {
        actorId: actor.id,
        action: UNDO_EVENT,
        targetType: "audit_event",
        targetId: String(id),
        meta: { action: type, restored, spared: plan.spared, summary },
        ip: actor.ip ?? null,
      },
    });
    return { restored, summary };
  }, WRITE_TIMEOUT);
}
