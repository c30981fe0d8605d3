import { Prisma } from "@/lib/generated/prisma/client";
import type { ExpandClient } from "@/lib/search/expand-query";

// The words in over a fifth of the articles ("kim", "jong" in KCNA's output), which a phrase search leaves out of
// what it asks the index when a rarer word of the phrase is left (search_loose_words, migration
// 20261203010000_search_key_index): their postings are long to read and cut little. Read from ANALYZE's statistics
// of the search column, at most every ten minutes per process. Which words they are changes only the work, never
// the result: the phrase is checked on every candidate either way, so a stale or empty list is safe.

/** A word in more than this share of the articles is common. */
const COMMON_SHARE = 0.2;
const TTL_MS = 10 * 60_000;

// The promise is kept, not its value: a thousand watch filters resolved at once share one read.
let cached: { words: Promise<string[]>; readAt: number } | null = null;

export function commonWords(client: ExpandClient, now = Date.now()): Promise<string[]> {
  if (cached && now - cached.readAt < TTL_MS) return cached.words;
  const words = client
    .$queryRaw<{ lexeme: string }[]>(
      Prisma.sql`
        SELECT e.lexeme
        FROM pg_stats p, unnest(p.most_common_elems::text::text[], p.most_common_elem_freqs) AS e(lexeme, freq)
        WHERE p.schemaname = current_schema() AND p.tablename = 'articles' AND p.attname = 'search'
          AND e.lexeme IS NOT NULL AND e.freq > ${COMMON_SHARE}
        ORDER BY e.lexeme`,
    )
    .then((rows) => rows.map((row) => row.lexeme));
  const entry = { words: Promise.resolve(words), readAt: now };
  cached = entry;
  // A failed read is not kept: the next search asks again.
  entry.words.catch(() => {
    if (cached === entry) cached = null;
  });
  return entry.words;
}
