import "server-only";
import { db } from "@/lib/db";
import { recordAudit } from "@/lib/data/audit";

import type { ArticleFilter } from "@/lib/validation/article-filter";

export type ExportAuditInput = {
  actorId: number;
  format: string;
  /** The filter's canonical query string, or null for an export of chosen ids. */
  filter: string | null;
  ids?: number;
  rows: number;
  outcome: "complete" | "aborted" | "failed";
  via: "token" | "session";
  tokenId?: number;
  ip?: string | null;
};

/** Who exported what, how many rows went out, and whether the download finished. */
export async function recordExportAudit(input: ExportAuditInput): Promise<void> {
  await recordAudit(db, {
    actorId: input.actorId,
    action: "articles.export",
    targetType: "export",
    targetId: input.format,
    meta: {
      format: input.format,
      filter: input.filter,
      ...(input.ids !== undefined ? { ids: input.ids } : {}),
      rows: input.rows,
      outcome: input.outcome,
      via: input.via,
      ...(input.tokenId !== undefined ? { tokenId: input.tokenId } : {}),
    },
    ip: input.ip ?? null,
  });
}

/** The names of the themes, sources and tags a filter names, for the file name and the brief's title. */
export async function loadFilterNames(filter: ArticleFilter) {
  const select = { id: true, name: true } as const;
  const [themes, sources, tags] = await Promise.all([
    filter.themes?.length ? db.theme.findMany({ where: { id: { in: filter.themes } }, select }) : [],
    filter.sources?.length ? db.source.findMany({ where: { id: { in: filter.sources } }, select }) : [],
    filter.tags?.length ? db.tag.findMany({ where: { id: { in: filter.tags } }, select }) : [],
  ]);
  return { themes, sources, tags };
}
