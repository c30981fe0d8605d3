import "server-only";
import { db } from "@/lib/db";
import { Prisma } from "@/lib/generated/prisma/client";

// What the article list's filter bar offers: every theme and source, the languages in use, and the names
// of the tags a filter names (tags are many: the bar finds others by autocomplete, not by listing them all).

export type FilterOption = { id: number; name: string; color: string | null };
export type FilterOptions = { themes: FilterOption[]; sources: FilterOption[]; languages: string[] };

/** Languages are read from the sources and the newest articles: a DISTINCT over a million rows has no index. */
const LANGUAGE_SAMPLE = 5_000;
/**
 * The languages in use are kept this long in the server's memory: reading the 5,000 newest articles for them
 * on every desk page was the page's costliest read after the list itself, for an answer that changes when a
 * new language first arrives. A language new to the corpus shows in the filter within a minute.
 */
const LANGUAGES_TTL_MS = 60_000;
let languagesRead: { at: number; languages: Promise<string[]> } | null = null;

function listLanguages(now = Date.now()): Promise<string[]> {
  if (languagesRead && now - languagesRead.at < LANGUAGES_TTL_MS) return languagesRead.languages;
  const languages = db
    .$queryRaw<{ language: string }[]>(
      Prisma.sql`
      SELECT language FROM sources
      UNION
      SELECT language FROM (SELECT language FROM articles ORDER BY published_at DESC, id DESC LIMIT ${LANGUAGE_SAMPLE}) recent
      ORDER BY 1`,
    )
    .then((rows) =>
      rows.map((row) => row.language.toLowerCase()).filter((value, index, all) => all.indexOf(value) === index),
    );
  const read = { at: now, languages };
  languagesRead = read;
  // A failed read is not kept: the next page asks again.
  languages.catch(() => {
    if (languagesRead === read) languagesRead = null;
  });
  return languages;
}

export function listThemeOptions(): Promise<FilterOption[]> {
  return db.theme.findMany({ select: { id: true, name: true, color: true }, orderBy: { name: "asc" } });
}

export async function listFilterOptions(): Promise<FilterOptions> {
  // Themes and sources in one round trip: every desk page asks for both.
  const [options, languages] = await Promise.all([
    db.$queryRaw<(FilterOption & { kind: "theme" | "source" })[]>(
      Prisma.sql`
      SELECT 'theme' AS kind, id, name, color FROM themes
      UNION ALL
      SELECT 'source' AS kind, id, name, NULL AS color FROM sources
      ORDER BY kind DESC, name, id`,
    ),
    listLanguages(),
  ]);
  const pick = (kind: "theme" | "source") =>
    options.filter((option) => option.kind === kind).map(({ id, name, color }) => ({ id, name, color }));
  return { themes: pick("theme"), sources: pick("source"), languages };
}

/** The tags with these ids, by name (unknown ids are left out). */
export async function listTagsByIds(ids: number[]): Promise<FilterOption[]> {
  if (!ids.length) return [];
  return db.tag.findMany({
    where: { id: { in: ids } },
    select: { id: true, name: true, color: true },
    orderBy: { name: "asc" },
  });
}
