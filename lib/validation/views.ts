import { z } from "zod";
import { recordId } from "@/lib/validation/article-actions";
import { filterToSearchParams, parseArticleFilter } from "@/lib/validation/article-filter";

// Saved views: a named article-list filter, private or shared with the team. The query is stored in the
// shared filter schema's canonical form (fixed key order, sorted lists, no page cursor), so the same
// filter saved twice reads the same and a hand-edited link cannot store nonsense.

export const VIEW_NAME_MAX = 80;

/** The list's query string ("?q=missile&theme=7,3&cursor=..."), canonical and without the page cursor. */
export function normalizeViewQuery(query: string): string {
  const { filter } = parseArticleFilter(query.trim().replace(/^\?/, ""));
  return filterToSearchParams(filter, { cursor: false }).toString();
}

const name = z
  .string({ message: "Name the view." })
  .transform((text) => text.normalize("NFC").replace(/\s+/g, " ").trim())
  .pipe(z.string().min(1, "Name the view.").max(VIEW_NAME_MAX, `View names have at most ${VIEW_NAME_MAX} characters.`));

/** A checkbox posts "on" when ticked and nothing when not; a direct call passes a boolean. */
const flag = z.preprocess((value) => {
  if (typeof value === "string") return /^(on|true|1|yes)$/i.test(value.trim());
  return value ?? false;
}, z.boolean());

export const createViewSchema = z.object({
  name,
  query: z.string().max(4_000).default("").transform(normalizeViewQuery),
  shared: flag,
});

export const renameViewSchema = z.object({ viewId: recordId, name });
export const shareViewSchema = z.object({ viewId: recordId, shared: flag });
export const viewIdSchema = z.object({ viewId: recordId });

export type CreateViewInput = z.infer<typeof createViewSchema>;
