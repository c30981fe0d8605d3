-- Where a theme rule looks for its words: the whole article (what every rule did before), the title and the
-- article's opening (its stored excerpt), or the title alone. Existing rules keep matching anywhere.

-- CreateEnum
CREATE TYPE "ThemeRuleScope" AS ENUM ('ANYWHERE', 'LEAD', 'TITLE');

-- AlterTable
ALTER TABLE "theme_rules" ADD COLUMN "scope" "ThemeRuleScope" NOT NULL DEFAULT 'ANYWHERE';
