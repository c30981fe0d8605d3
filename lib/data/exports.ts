import "server-only";
import { db } from "@/lib/db";
import { recordAudit } from "@/lib/data/audit";

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
