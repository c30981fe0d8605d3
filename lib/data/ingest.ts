import "server-only";
import { db } from "@/lib/db";

/** Every source by name, for the analyst's "which outlet is this page from" choice. */
export function listSourceChoices() {
  return db.source.findMany({ select: { name: true, url: true }, orderBy: { name: "asc" } });
}

/** One page of a run's errors in input order; a run stores at most a thousand, so OFFSET stays cheap. */
export function listRunErrors(runId: number, options: { page: number; pageSize: number }) {
  return db.ingestError.findMany({
    where: { runId },
    orderBy: { id: "asc" },
    skip: (options.page - 1) * options.pageSize,
    take: options.pageSize,
    select: { id: true, location: true, reason: true, excerpt: true },
  });
}
