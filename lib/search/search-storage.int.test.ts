import { describe, expect, it } from "vitest";
import { db } from "@/lib/db";

// Migration 20261205000000_search_inline: the search vector is stored in the article's row (STORAGE MAIN), not
// moved out to TOAST with the body, so a date walk that tests each row's vector reads one heap tuple per row.
// `npm run bench -- --only list` reports the share of the newest articles whose vector is in its row
// (list.search_inline_share, on PostgreSQL 17 and later, which can tell).

describe("the search vector's storage", () => {
  it("keeps articles.search in the row (MAIN), and the rest of the table as PostgreSQL's default", async () => {
    const rows = await db.$queryRaw<{ column: string; storage: string }[]>`
      SELECT a.attname AS column, a.attstorage::text AS storage
      FROM pg_attribute a
      WHERE a.attrelid = 'articles'::regclass AND a.attname IN ('search', 'body_text', 'excerpt')
      ORDER BY a.attname`;
    expect(rows).toEqual([
      { column: "body_text", storage: "x" },
      { column: "excerpt", storage: "x" },
      { column: "search", storage: "m" },
    ]);
  });
});
