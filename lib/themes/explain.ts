import "server-only";
import { articleThemes } from "@/lib/data/article-themes";
import { describeThemeReason, type ThemeReasonKind } from "@/lib/themes/reason";

export type ThemeReason = {
  theme: { id: number; name: string; slug: string; color: string };
  kind: ThemeReasonKind;
  /** "Rule: "ballistic missile" matched ballistic missile", "Set by Alex Analyst on 27 Nov 2026". */
  text: string;
};

/** Each theme row of the article with its reason: live themes first, then the ones removed by hand. */
export async function explainArticleThemes(articleId: number): Promise<ThemeReason[]> {
  const rows = await articleThemes(articleId);
  const reasons = rows.map((row) => ({ theme: row.theme, ...describeThemeReason(row) }));
  return [
    ...reasons.filter((reason) => reason.kind !== "removed"),
    ...reasons.filter((reason) => reason.kind === "removed"),
  ];
}
