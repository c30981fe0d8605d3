-- The names register: people, places, organisations and weapon systems, each with every spelling analysts and
-- the press use (KCNA's romanisation, McCune-Reischauer with and without marks, Revised Romanization, Hangul,
-- Hanja...). A search naming any spelling searches them all. `key` is the spelling folded as the search folds it
-- (lib/names/alias-key.ts: no case, marks, apostrophes, hyphens or spaces), so "Kim Jong Un", "Kim Jong-un" and
-- "Kim Jongun" are one key, found by one index probe; it is unique over the register, so one spelling never
-- means two entries. An analyst's proposal waits as PROPOSED until an admin accepts it.

-- CreateEnum
CREATE TYPE "NameKind" AS ENUM ('PERSON', 'PLACE', 'ORGANISATION', 'WEAPON');

-- CreateEnum
CREATE TYPE "NameAliasStatus" AS ENUM ('ACCEPTED', 'PROPOSED');

-- CreateTable
CREATE TABLE "name_entries" (
    "id" SERIAL NOT NULL,
    "kind" "NameKind" NOT NULL,
    "canonical" TEXT NOT NULL,
    "external_id" TEXT,
    "source" TEXT NOT NULL DEFAULT '',
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "name_entries_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "name_aliases" (
    "id" SERIAL NOT NULL,
    "entry_id" INTEGER NOT NULL,
    "alias" TEXT NOT NULL,
    "key" TEXT NOT NULL,
    "status" "NameAliasStatus" NOT NULL DEFAULT 'ACCEPTED',
    "common_word" BOOLEAN NOT NULL DEFAULT false,
    "proposed_by_id" INTEGER,
    "article_id" INTEGER,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "name_aliases_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "name_entries_kind_canonical_idx" ON "name_entries"("kind", "canonical");

-- CreateIndex
CREATE UNIQUE INDEX "name_aliases_key_key" ON "name_aliases"("key");

-- CreateIndex
CREATE INDEX "name_aliases_entry_id_idx" ON "name_aliases"("entry_id");

-- CreateIndex
CREATE INDEX "name_aliases_status_created_at_idx" ON "name_aliases"("status", "created_at" DESC);

-- AddForeignKey
ALTER TABLE "name_aliases" ADD CONSTRAINT "name_aliases_entry_id_fkey" FOREIGN KEY ("entry_id") REFERENCES "name_entries"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "name_aliases" ADD CONSTRAINT "name_aliases_proposed_by_id_fkey" FOREIGN KEY ("proposed_by_id") REFERENCES "users"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "name_aliases" ADD CONSTRAINT "name_aliases_article_id_fkey" FOREIGN KEY ("article_id") REFERENCES "articles"("id") ON DELETE SET NULL ON UPDATE CASCADE;
