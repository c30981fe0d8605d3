import { RULE_SCOPES } from "@/lib/constants";
import { ThemeRuleScope } from "@/lib/generated/prisma/enums";

// Where a theme rule looks for its words. KCNA names the leader, the U.S., floods and factories in passing
// in long articles, so a word anywhere says little about what a story is about; its title and opening do.
//
// LEAD is the title plus the stored excerpt (lib/ingest/fingerprint.ts makeExcerpt): the body's first whole
// sentences up to 280 characters, dateline stripped. It is what the desk list shows under the title, so an
// analyst can see why a LEAD rule matched, it never cuts a word or phrase in half as a fixed slice of
// body_text would, and it is already stored, so a batch only tokenises a short text per candidate row.

export { ThemeRuleScope };

export { RULE_SCOPES };

export const RULE_SCOPE_LABELS: Record<ThemeRuleScope, string> = {
  ANYWHERE: "Anywhere",
  LEAD: "Title and opening",
  TITLE: "Title only",
};

/** How a rule's scope reads in a sentence: "in the title and opening". */
export const RULE_SCOPE_PHRASES: Record<ThemeRuleScope, string> = {
  ANYWHERE: "anywhere in the article",
  LEAD: "in the title and opening",
  TITLE: "in the title",
};
