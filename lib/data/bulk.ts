import "server-only";
import { db } from "@/lib/db";
import { authorize, isAdmin, type DeskActor } from "@/lib/data/actor";
import { describeTarget, resolveArticleTarget } from "@/lib/data/article-selection";
import { updateReviewStatus } from "@/lib/data/article-status";
import { findTheme, writeManualThemeRows, writeThemeExclusions, type ThemeRowState } from "@/lib/data/article-themes";
import { deleteTagLinks, findOrCreateTag, insertTagLinks } from "@/lib/data/tags";
import { ConflictError, ForbiddenError, NotFoundError } from "@/lib/errors";
import { Prisma } from "@/lib/generated/prisma/client";
import type { ReviewStatus } from "@/lib/generated/prisma/enums";
import type { Permission } from "@/lib/permissions";
import { filterToQueryString } from "@/lib/validation/article-filter";
import type { BulkAction, BulkActionType, BulkSelection } from "@/lib/validation/bulk";

// Triage on many articles at once, and its undo.
//
//   applyBulkAction({ selection, action, actor })  -> { affected, requested, summary, undoToken, articleIds }
//   undoBulkAction(undoToken, actor)               -> { restored, summary }
//   lastBulkAction(actor)                          -> the actor's latest bulk action (to offer Undo after a reload)
//
// A bulk action is one transaction with one AuditEvent ("articles.bulk", meta: action, count, selection,
// the filter or the number of ids, summary). What it changed is kept in bulk_action_undo, keyed by that
// event: the (article, tag) links it inserted or deleted, the previous review statuses, the previous
// theme rows. Undo puts back exactly those rows, and only where they still hold what the action wrote,
// so a later change by someone else is not overwritten. Each action can be undone once, by its author
// while it is their latest bulk action, or by an admin at any time; the undo is audited too.

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

export type LastBulkAction = {
  undoToken: string;
  summary: string;
  createdAt: Date;
  undone: boolean;
  action: BulkActionType;
};

const BULK_EVENT = "articles.bulk";
const UNDO_EVENT = "articles.bulk_undo";
const WRITE_TIMEOUT = { maxWait: 10_000, timeout: 120_000 };

const PERMISSION: Record<BulkActionType, Permission> = {
  add_tag: "articles:tag",
  remove_tag: "articles:tag",
  set_theme: "articles:theme",
  clear_theme: "articles:theme",
  set_status: "articles:review",
};

/** Theme rows as jsonb_to_recordset reads them back: short keys keep a 50,000-row undo compact. */
type StoredThemeRow = { a: number; o: string; x: boolean; r: number | null; m: string[]; b: number | null; t: string };

type UndoData =
  | { type: "add_tag"; tagId: number; articleIds: number[]; createdAt: string | null }
  | { type: "remove_tag"; tagId: number; articleIds: number[]; createdByIds: (number | null)[]; createdAts: string[] }
  | { type: "set_status"; status: ReviewStatus; previous: Partial<Record<ReviewStatus, number[]>> }
  | {
      type: "set_theme" | "clear_theme";
      themeId: number;
      at: string | null;
      changed: number[];
      previous: StoredThemeRow[];
    };

function articles(n: number): string {
  return `${n.toLocaleString("en-US")} ${n === 1 ? "article" : "articles"}`;
}

const STATUS_WORD: Record<ReviewStatus, string> = { NEW: "new", REVIEWED: "reviewed", FLAGGED: "flagged" };

function storeThemeRows(rows: ThemeRowState[]): StoredThemeRow[] {
  return rows.map((row) => ({
    a: row.articleId,
    o: row.origin,
    x: row.excluded,
    r: row.ruleId,
    m: row.matchedTerms,
    b: row.assignedById,
    t: row.assignedAt.toISOString(),
  }));
}

type Applied = { affected: number; summary: string; undo: UndoData; meta: Prisma.InputJsonObject };

async function apply(
  tx: Prisma.TransactionClient,
  ids: number[],
  action: BulkAction,
  actor: DeskActor,
): Promise<Applied> {
  switch (action.type) {
    case "add_tag": {
      const tag =
        "name" in action.tag
          ? (await findOrCreateTag(tx, { name: action.tag.name }, actor)).tag
          : await tx.tag.findUnique({ where: { id: action.tag.id }, select: { id: true, name: true, color: true } });
      if (!tag) throw new NotFoundError("That tag no longer exists.");
      const added = await insertTagLinks(tx, ids, tag.id, actor.id);
      const already = ids.length - added.length;
      return {
        affected: added.length,
        summary: `Tagged ${articles(added.length)} with “${tag.name}”${already ? ` (${already.toLocaleString("en-US")} already had it)` : ""}`,
        undo: {
          type: "add_tag",
          tagId: tag.id,
          articleIds: added.map((row) => row.articleId),
          createdAt: added[0]?.createdAt.toISOString() ?? null,
        },
        meta: { tagId: tag.id, tag: tag.name },
      };
    }
    case "remove_tag": {
      const tag = await tx.tag.findUnique({ where: { id: action.tagId }, select: { id: true, name: true } });
      if (!tag) throw new NotFoundError("That tag no longer exists.");
      const removed = await deleteTagLinks(tx, ids, tag.id);
      return {
        affected: removed.length,
        summary: `Removed “${tag.name}” from ${articles(removed.length)}`,
        undo: {
          type: "remove_tag",
          tagId: tag.id,
          articleIds: removed.map((row) => row.articleId),
          createdByIds: removed.map((row) => row.createdById),
          createdAts: removed.map((row) => row.createdAt.toISOString()),
        },
        meta: { tagId: tag.id, tag: tag.name },
      };
    }
    case "set_theme":
    case "clear_theme": {
      const theme = await findTheme(tx, action.themeId);
      const write = action.type === "set_theme" ? writeManualThemeRows : writeThemeExclusions;
      const change = await write(tx, ids, theme.id, actor.id);
      const summary =
        action.type === "set_theme"
          ? `Set theme “${theme.name}” on ${articles(change.changed.length)}`
          : `Cleared theme “${theme.name}” from ${articles(change.changed.length)}`;
      return {
        affected: change.changed.length,
        summary,
        undo: {
          type: action.type,
          themeId: theme.id,
          at: change.at?.toISOString() ?? null,
          changed: change.changed,
          previous: storeThemeRows(change.previous),
        },
        meta: { themeId: theme.id, theme: theme.name },
      };
    }
    case "set_status": {
      const changes = await updateReviewStatus(tx, ids, action.status);
      const previous: Partial<Record<ReviewStatus, number[]>> = {};
      for (const change of changes) (previous[change.previous] ??= []).push(change.articleId);
      return {
        affected: changes.length,
        summary: `Marked ${articles(changes.length)} ${STATUS_WORD[action.status]}`,
        undo: { type: "set_status", status: action.status, previous },
        meta: { status: action.status },
      };
    }
  }
}

export async function applyBulkAction(input: {
  selection: BulkSelection;
  action: BulkAction;
  actor: DeskActor;
  now?: Date;
}): Promise<BulkResult> {
  const { selection, action, actor } = input;
  authorize(actor, PERMISSION[action.type]);
  return db.$transaction(async (tx) => {
    const ids = await resolveArticleTarget(tx, selection, input.now);
    const applied = await apply(tx, ids, action, actor);
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

function returned(rows: { articleId: number }[]): number {
  return new Set(rows.map((row) => row.articleId)).size;
}

/** Puts back what the action wrote, where the rows still hold what it wrote; returns how many articles. */
async function restore(tx: Prisma.TransactionClient, undo: UndoData, bulkActorId: number | null): Promise<number> {
  switch (undo.type) {
    case "add_tag": {
      if (!undo.articleIds.length || !undo.createdAt) return 0;
      return returned(
        await tx.$queryRaw<{ articleId: number }[]>(Prisma.sql`
          DELETE FROM article_tags
          WHERE tag_id = ${undo.tagId} AND article_id = ANY(${undo.articleIds}::int[])
            AND created_at = ${undo.createdAt}::timestamptz AND created_by_id IS NOT DISTINCT FROM ${bulkActorId}::int
          RETURNING article_id AS "articleId"`),
      );
    }
    case "remove_tag": {
      if (!undo.articleIds.length) return 0;
      const tag = await tx.tag.findUnique({ where: { id: undo.tagId }, select: { id: true } });
      if (!tag) throw new ConflictError("That tag has been deleted since: there is nothing to put back.");
      return returned(
        await tx.$queryRaw<{ articleId: number }[]>(Prisma.sql`
          INSERT INTO article_tags (article_id, tag_id, created_by_id, created_at, published_at)
          SELECT r.article_id, ${undo.tagId}, u.id, r.created_at, a.published_at
          FROM unnest(${undo.articleIds}::int[], ${undo.createdByIds}::int[], ${undo.createdAts}::timestamptz[]) AS r(article_id, created_by_id, created_at)
          JOIN articles a ON a.id = r.article_id
          LEFT JOIN users u ON u.id = r.created_by_id
          ORDER BY r.article_id
          ON CONFLICT (article_id, tag_id) DO NOTHING
          RETURNING article_id AS "articleId"`),
      );
    }
    case "set_status": {
      const entries = Object.entries(undo.previous) as [ReviewStatus, number[]][];
      const ids = entries.flatMap(([, list]) => list);
      if (!ids.length) return 0;
      const statuses = entries.flatMap(([status, list]) => list.map(() => status));
      return returned(
        await tx.$queryRaw<{ articleId: number }[]>(Prisma.sql`
          WITH previous AS (SELECT * FROM unnest(${ids}::int[], ${statuses}::text[]) AS p(id, status)),
          target AS (
            SELECT a.id, p.status FROM articles a JOIN previous p ON p.id = a.id
            WHERE a.review_status = ${undo.status}::"ReviewStatus"
            ORDER BY a.id FOR UPDATE OF a
          )
          UPDATE articles a SET review_status = target.status::"ReviewStatus", updated_at = now()
          FROM target WHERE a.id = target.id
          RETURNING a.id AS "articleId"`),
      );
    }
    case "set_theme":
    case "clear_theme": {
      if (!undo.changed.length || !undo.at) return 0;
      // Rows still as the action left them: MANUAL, by the same person at the same moment.
      const untouched = (alias: string) => Prisma.sql`
        ${Prisma.raw(alias)}.theme_id = ${undo.themeId} AND ${Prisma.raw(alias)}.origin = 'MANUAL'
        AND ${Prisma.raw(alias)}.excluded = ${undo.type === "clear_theme"}
        AND ${Prisma.raw(alias)}.assigned_at = ${undo.at}::timestamptz
        AND ${Prisma.raw(alias)}.assigned_by_id IS NOT DISTINCT FROM ${bulkActorId}::int`;
      const hadRow = new Set(undo.previous.map((row) => row.a));
      const inserted = undo.changed.filter((id) => !hadRow.has(id));
      const deleted = inserted.length
        ? await tx.$queryRaw<{ articleId: number }[]>(Prisma.sql`
            DELETE FROM article_themes x WHERE x.article_id = ANY(${inserted}::int[]) AND ${untouched("x")}
            RETURNING x.article_id AS "articleId"`)
        : [];
      const restored = undo.previous.length
        ? await tx.$queryRaw<{ articleId: number }[]>(Prisma.sql`
            UPDATE article_themes x
            SET origin = p.o::"ThemeOrigin", excluded = p.x, matched_terms = p.m, assigned_at = p.t,
                rule_id = (SELECT id FROM theme_rules WHERE id = p.r),
                assigned_by_id = (SELECT id FROM users WHERE id = p.b)
            FROM jsonb_to_recordset(${JSON.stringify(undo.previous)}::jsonb) AS p(a int, o text, x boolean, r int, m text[], b int, t timestamptz)
            WHERE x.article_id = p.a AND ${untouched("x")}
            RETURNING x.article_id AS "articleId"`)
        : [];
      return returned([...deleted, ...restored]);
    }
  }
}

export async function undoBulkAction(undoToken: string | bigint, actor: DeskActor): Promise<UndoResult> {
  const id = typeof undoToken === "bigint" ? undoToken : /^\d{1,18}$/.test(undoToken) ? BigInt(undoToken) : null;
  if (id === null) throw new NotFoundError("Nothing to undo.");
  return db.$transaction(async (tx) => {
    // Locked: a second undo of the same action waits here, then finds it undone.
    const [row] = await tx.$queryRaw<
      {
        data: UndoData;
        undoneAt: Date | null;
        actorId: number | null;
        meta: { summary?: string; action?: BulkActionType };
      }[]
    >(Prisma.sql`
      SELECT u.data, u.undone_at AS "undoneAt", e.actor_id AS "actorId", e.meta
      FROM bulk_action_undo u JOIN audit_events e ON e.id = u.audit_event_id
      WHERE u.audit_event_id = ${id}
      FOR UPDATE OF u`);
    if (!row) throw new NotFoundError("Nothing to undo.");
    const type = row.data.type;
    authorize(actor, PERMISSION[type]);
    if (!isAdmin(actor)) {
      if (row.actorId !== actor.id) throw new ForbiddenError("You can undo only your own bulk actions.");
      const [latest] = await tx.$queryRaw<{ id: bigint }[]>(Prisma.sql`
        SELECT id FROM audit_events WHERE actor_id = ${actor.id} AND action = ${BULK_EVENT} ORDER BY created_at DESC, id DESC LIMIT 1`);
      if (latest?.id !== id) throw new ConflictError("Only your last bulk action can be undone.");
    }
    if (row.undoneAt) throw new ConflictError("That action has already been undone.");
    const restored = await restore(tx, row.data, row.actorId);
    await tx.bulkActionUndo.update({ where: { auditEventId: id }, data: { undoneAt: new Date() } });
    const summary = `Undid: ${row.meta.summary ?? type}`;
    await tx.auditEvent.create({
      data: {
        actorId: actor.id,
        action: UNDO_EVENT,
        targetType: "audit_event",
        targetId: String(id),
        meta: { action: type, restored, summary },
        ip: actor.ip ?? null,
      },
    });
    return { restored, summary };
  }, WRITE_TIMEOUT);
}

export async function lastBulkAction(actor: DeskActor): Promise<LastBulkAction | null> {
  const event = await db.auditEvent.findFirst({
    where: { actorId: actor.id, action: BULK_EVENT },
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    select: { id: true, meta: true, createdAt: true, bulkUndo: { select: { undoneAt: true } } },
  });
  if (!event) return null;
  // applyBulkAction writes both keys into every bulk event's meta.
  const meta = event.meta as { summary: string; action: BulkActionType };
  return {
    undoToken: String(event.id),
    summary: meta.summary,
    createdAt: event.createdAt,
    undone: !event.bulkUndo || event.bulkUndo.undoneAt !== null,
    action: meta.action,
  };
}
