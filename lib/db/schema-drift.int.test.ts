import { readFileSync } from "node:fs";
import path from "node:path";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createScratchDatabase, dropDatabase } from "@/lib/db/database-url";
import { migrate } from "@/lib/db/migrate";
import { diffSchemas, expectedSchema, readDatabaseSchema, type SchemaShape } from "@/test/schema-drift";

// Prisma's schema engine (`prisma migrate diff`) cannot be had here, so this is the check that
// prisma/schema.prisma and the hand-written migrations build the same database.

const schemaText = readFileSync(path.join(process.cwd(), "prisma", "schema.prisma"), "utf8");

async function readSchemaOf(url: string): Promise<SchemaShape> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return await readDatabaseSchema(client);
  } finally {
    await client.end();
  }
}

describe("schema drift", () => {
  const { shape: expected, problems } = expectedSchema(schemaText);

  it("reads every field type of schema.prisma", () => {
    expect(problems).toEqual([]);
    expect(expected.tables.size).toBeGreaterThan(10);
  });

  it("finds the migrated database exactly as schema.prisma describes it", async () => {
    const actual = await readSchemaOf(process.env.DATABASE_URL!);
    const differences = diffSchemas(expected, actual);
    expect(differences, `schema.prisma and prisma/migrations disagree:\n${differences.join("\n")}`).toEqual([]);
  });

  it("sees the full-text column as a stored generated tsvector", async () => {
    const actual = await readSchemaOf(process.env.DATABASE_URL!);
    expect(actual.tables.get("articles")?.columns.get("search")).toBe("tsvector GENERATED");
    expect(actual.tables.get("articles")?.indexes.get("articles_search_key_idx")).toBe(
      "INDEX gin (article_search_key(search, published_at, id))",
    );
    expect(actual.tables.get("articles")?.indexes.get("articles_title_trgm_idx")).toBe(
      "INDEX gin (title gin_trgm_ops)",
    );
  });

  describe("against a database that drifted", () => {
    let url: string;

    beforeAll(async () => {
      url = await createScratchDatabase(process.env.TEST_SERVER_URL!, "presswatch_drift");
      await migrate(url);
      const client = new pg.Client({ connectionString: url });
      await client.connect();
      try {
        await client.query(`
          ALTER TABLE "articles" DROP COLUMN "byline";
          ALTER TABLE "articles" DROP COLUMN "search";
          ALTER TABLE "articles" ADD COLUMN "search" tsvector;
          CREATE INDEX "articles_search_idx" ON "articles" USING GIN ("search");
          ALTER TABLE "users" ALTER COLUMN "time_zone" SET NOT NULL;
          ALTER TABLE "sources" ALTER COLUMN "poll_interval_minutes" TYPE BIGINT;
          ALTER TABLE "themes" ALTER COLUMN "color" SET DEFAULT '#000000';
          DROP INDEX "saved_views_shared_idx";
          CREATE INDEX "saved_views_name_idx" ON "saved_views"("name");
          DROP INDEX "article_duplicates_article_id_source_id_canonical_url_key";
          CREATE UNIQUE INDEX "article_duplicates_article_id_source_id_canonical_url_key"
            ON "article_duplicates"("article_id", "source_id");
          ALTER TABLE "annotations" DROP CONSTRAINT "annotations_author_id_fkey";
          ALTER TABLE "annotations" ADD CONSTRAINT "annotations_author_id_fkey"
            FOREIGN KEY ("author_id") REFERENCES "users"("id") ON DELETE RESTRICT ON UPDATE CASCADE;
          ALTER TYPE "ReviewStatus" ADD VALUE 'ARCHIVED';
          CREATE TABLE "stray" ("id" INTEGER);
        `);
      } finally {
        await client.end();
      }
    });

    afterAll(async () => {
      if (url) await dropDatabase(url);
    });

    it("lists every difference", async () => {
      const differences = diffSchemas(expected, await readSchemaOf(url));
      expect(differences).toEqual(
        expect.arrayContaining([
          "column articles.byline: missing from the database (schema says text)",
          "column articles.search: schema says tsvector GENERATED, database has tsvector",
          "column users.time_zone: schema says text, database has text NOT NULL",
          "column sources.poll_interval_minutes: schema says integer NOT NULL DEFAULT 30, database has bigint NOT NULL DEFAULT 30",
          "column themes.color: schema says text NOT NULL DEFAULT #64748b, database has text NOT NULL DEFAULT #000000",
          "index saved_views.saved_views_shared_idx: missing from the database (schema says INDEX btree (shared))",
          "index saved_views.saved_views_name_idx: in the database but not in the schema (INDEX btree (name))",
          "index article_duplicates.article_duplicates_article_id_source_id_canonical_url_key: " +
            "schema says UNIQUE btree (article_id, source_id, canonical_url), database has UNIQUE btree (article_id, source_id)",
          "foreign key annotations.annotations_author_id_fkey: " +
            "schema says (author_id) REFERENCES users (id) ON DELETE CASCADE ON UPDATE CASCADE, " +
            "database has (author_id) REFERENCES users (id) ON DELETE RESTRICT ON UPDATE CASCADE",
          "enum ReviewStatus: schema says NEW, REVIEWED, FLAGGED, database has NEW, REVIEWED, FLAGGED, ARCHIVED",
          "table stray: in the database but not in the schema",
          // Dropping the column dropped the index on its expression; the plain index made instead is not the schema's.
          "index articles.articles_search_key_idx: missing from the database " +
            "(schema says INDEX gin (article_search_key(search, published_at, id)))",
          "index articles.articles_search_idx: in the database but not in the schema (INDEX gin (search))",
        ]),
      );
      expect(differences).toHaveLength(13);
    });
  });
});
