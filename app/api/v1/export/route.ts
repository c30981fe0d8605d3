import { defineRoute } from "@/lib/api/define-route";
import { parseIdText } from "@/lib/validation/ids";
import { loadFilterNames, recordExportAudit } from "@/lib/data/exports";
import { AppError, InvalidError } from "@/lib/errors";
import { describeExportFilter, exportFileName, summarizeExport } from "@/lib/export/file-name";
import {
  EXPORT_FORMATS,
  FORMAT_INFO,
  needsBody,
  needsVersions,
  parseBriefGroup,
  parseExportFormat,
  writeExport,
  type ExportRequest,
} from "@/lib/export/formats";
import { parseCsvColumns } from "@/lib/export/csv";
import { countExportRows, exportBatches, type ExportSelection } from "@/lib/data/export-records";
import { streamChunks } from "@/lib/export/stream";
import type { ExportRecord } from "@/lib/export/types";
import { filterToQueryString, parseArticleFilter } from "@/lib/validation/article-filter";
import { env } from "@/lib/env";

// GET /api/v1/export?format=csv|json|ndjson|md|html|annotations&columns=...&group=theme|day&ids=1,2,3
// plus the article list's filter parameters: the same rows as the list for the same URL, streamed. The
// total goes out first as X-Total-Count (the browser's progress bar); the audit event is written when the
// stream ends, with the rows actually sent and whether the client stayed to the end.

export const dynamic = "force-dynamic";

const MAX_IDS = 10_000;

class TooManyRowsError extends AppError {
  override readonly status = 413;
}

function parseIds(value: string): number[] {
  const ids = new Set<number>();
  for (const part of value
    .split(",")
    .map((text) => text.trim())
    .filter(Boolean)) {
    const id = parseIdText(part);
    if (id === null) throw new InvalidError(`ids: "${part.slice(0, 20)}" is not an article id.`);
    ids.add(id);
  }
  if (!ids.size) throw new InvalidError("ids: give at least one article id, or leave ids out to export the filter.");
  if (ids.size > MAX_IDS)
    throw new InvalidError(`ids: at most ${MAX_IDS.toLocaleString("en")} chosen articles; export the filter instead.`);
  return [...ids];
}

async function* counted(
  batches: AsyncIterable<ExportRecord[]>,
  tally: { rows: number },
): AsyncGenerator<ExportRecord[]> {
  for await (const batch of batches) {
    tally.rows += batch.length;
    yield batch;
  }
}

export const GET = defineRoute({ permission: "articles:export", scope: "READ" }, async ({ request, caller, actor }) => {
  const url = new URL(request.url);
  const params = url.searchParams;
  const format = parseExportFormat(params.get("format"));
  if (!format) throw new InvalidError(`format: expected one of ${EXPORT_FORMATS.join(", ")}.`);
  const exportRequest: ExportRequest = {
    format,
    columns: parseCsvColumns(params.get("columns")),
    group: parseBriefGroup(params.get("group")),
  };
  const now = new Date();
  const idsParam = params.get("ids");
  const selection: ExportSelection =
    idsParam !== null ? { ids: parseIds(idsParam) } : { filter: parseArticleFilter(params, { now }).filter };

  const info = FORMAT_INFO[format];
  const total = await countExportRows(selection, info.maxRows, { now });
  if (total > info.maxRows) {
    throw new TooManyRowsError(
      `This export would hold more than ${info.maxRows.toLocaleString("en")} articles, the most one ${format} export may hold. Narrow the filter (a shorter date range, a theme or a source) and export in parts.`,
    );
  }

  const names = "filter" in selection ? await loadFilterNames(selection.filter) : undefined;
  const summary = summarizeExport(selection, now, names);
  const fileName = exportFileName(
    summary,
    info.extension,
    now,
    format === "annotations" ? "presswatch-annotations" : "presswatch",
  );
  const filterText = "filter" in selection ? filterToQueryString(selection.filter, { cursor: false }) : null;
  const tally = { rows: 0 };
  const records = counted(
    exportBatches(selection, { body: needsBody(exportRequest), versions: needsVersions(exportRequest), now }),
    tally,
  );
  const chunks = writeExport(records, exportRequest, {
    title: `Presswatch — ${"ids" in selection ? `${selection.ids.length} selected articles` : (names && describeExportFilter(selection.filter, names)) || "all articles"}`,
    baseUrl: env().AUTH_URL ?? url.origin,
    now,
  });
  const body = streamChunks(chunks, (outcome) =>
    recordExportAudit({
      actorId: caller.user.id,
      format,
      filter: filterText,
      ...("ids" in selection ? { ids: selection.ids.length } : {}),
      rows: tally.rows,
      outcome,
      via: caller.via,
      tokenId: caller.tokenId,
      ip: actor.ip,
    }),
  );
  return new Response(body, {
    status: 200,
    headers: {
      "Content-Type": info.contentType,
      "Content-Disposition": `attachment; filename="${fileName}"`,
      "X-Total-Count": String(total),
      "Cache-Control": "no-store",
      "X-Content-Type-Options": "nosniff",
    },
  });
});
