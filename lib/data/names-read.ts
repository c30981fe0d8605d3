import "server-only";
import { db } from "@/lib/db";
import { Prisma } from "@/lib/generated/prisma/client";
import { NameAliasStatus, type NameKind } from "@/lib/generated/prisma/enums";
import { aliasKey } from "@/lib/names/alias-key";

// Reads of the names register: the admin page's list, the proposals waiting, and the entries an analyst
// can attach a spelling to. The register is small (hundreds of entries, a few thousand spellings): a search
// over its keys reads the table, well under a millisecond.

export type NameAliasView = {
  id: number;
  alias: string;
  commonWord: boolean;
  status: NameAliasStatus;
};

export type NameEntryView = {
  id: number;
  kind: NameKind;
  canonical: string;
  externalId: string | null;
  source: string;
  aliases: NameAliasView[];
};

export type NameProposalView = {
  id: number;
  alias: string;
  commonWord: boolean;
  createdAt: Date;
  entry: { id: number; canonical: string; kind: NameKind };
  proposedBy: { id: number; name: string } | null;
  article: { id: number; title: string } | null;
};

const aliasSelect = { id: true, alias: true, commonWord: true, status: true } as const;

/** Entries whose canonical name or any spelling contains `q` (as the register reads spellings), kind first. */
export async function listNameEntries(
  options: { q?: string; kind?: NameKind; take?: number } = {},
): Promise<{ entries: NameEntryView[]; total: number }> {
  const key = options.q ? aliasKey(options.q) : "";
  const ids = key
    ? (
        await db.$queryRaw<{ id: number }[]>(Prisma.sql`
          SELECT DISTINCT entry_id AS id FROM name_aliases WHERE strpos(key, ${key}) > 0`)
      ).map((row) => row.id)
    : null;
  const where: Prisma.NameEntryWhereInput = {
    ...(ids ? { id: { in: ids } } : {}),
    ...(options.kind ? { kind: options.kind } : {}),
  };
  const [entries, total] = await Promise.all([
    db.nameEntry.findMany({
      where,
      orderBy: [{ kind: "asc" }, { canonical: "asc" }, { id: "asc" }],
      take: options.take ?? 100,
      include: { aliases: { select: aliasSelect, orderBy: { id: "asc" } } },
    }),
    db.nameEntry.count({ where }),
  ]);
  return { entries, total };
}

export async function getNameEntry(id: number): Promise<NameEntryView | null> {
  return db.nameEntry.findUnique({
    where: { id },
    include: { aliases: { select: aliasSelect, orderBy: { id: "asc" } } },
  });
}

export async function listNameProposals(): Promise<NameProposalView[]> {
  const rows = await db.nameAlias.findMany({
    where: { status: NameAliasStatus.PROPOSED },
    orderBy: { createdAt: "asc" },
    include: {
      entry: { select: { id: true, canonical: true, kind: true } },
      proposedBy: { select: { id: true, name: true } },
      article: { select: { id: true, title: true } },
    },
  });
  return rows.map((row) => ({
    id: row.id,
    alias: row.alias,
    commonWord: row.commonWord,
    createdAt: row.createdAt,
    entry: row.entry,
    proposedBy: row.proposedBy,
    article: row.article,
  }));
}

/** Up to `limit` entries a spelling could belong to, by any of their spellings, for the proposal picker. */
export async function findNameEntries(
  q: string,
  limit = 8,
): Promise<{ id: number; canonical: string; kind: NameKind; matched: string }[]> {
  const key = aliasKey(q);
  if (!key) return [];
  return db.$queryRaw(Prisma.sql`
    SELECT DISTINCT ON (e.canonical, e.id) e.id, e.canonical, e.kind::text AS kind, a.alias AS matched
    FROM name_aliases a JOIN name_entries e ON e.id = a.entry_id
    WHERE a.status = 'ACCEPTED' AND strpos(a.key, ${key}) > 0
    ORDER BY e.canonical, e.id, (a.key = ${key}) DESC, length(a.key)
    LIMIT ${limit}`);
}
