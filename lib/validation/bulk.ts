import { z } from "zod";
import { articleIdsSchema, optionalFormValue, recordId, reviewStatusSchema } from "@/lib/validation/article-actions";
import { parseArticleFilter, type ArticleFilter, type ReviewStatusValue } from "@/lib/validation/article-filter";
import { tagNameSchema, type TagRef } from "@/lib/validation/tags";

// A bulk action from the list: which articles (explicit ids, or "all matching" the list's filter) and what
// to do with them. The form is flat so a <form> can post it:
//   selection=ids&articleIds=1,2,3   or   selection=filter&query=<the list's query string, e.g. q=missile&theme=3>
//   action=add_tag&tagId=4 (or tagName=new name) | remove_tag&tagId | set_theme&themeId | clear_theme&themeId
//   | set_status&status=reviewed
// The undo form: undoToken=<the token the bulk action returned>.

export const BULK_ACTIONS = ["add_tag", "remove_tag", "set_theme", "clear_theme", "set_status"] as const;
export type BulkActionType = (typeof BULK_ACTIONS)[number];

/**
 * `expected` is the exact count the analyst was shown before confirming "select all matching": if the filter
 * matches a different number by the time the action runs, it is refused rather than applied to articles
 * nobody saw counted.
 */
export type BulkSelection =
  { kind: "ids"; ids: number[] } | { kind: "filter"; filter: ArticleFilter; expected?: number };

export type BulkAction =
  | { type: "add_tag"; tag: TagRef }
  | { type: "remove_tag"; tagId: number }
  | { type: "set_theme"; themeId: number }
  | { type: "clear_theme"; themeId: number }
  | { type: "set_status"; status: ReviewStatusValue };

/** The list's query string as the filter a bulk action selects by; paging and order do not matter. */
export function bulkFilterFromQuery(query: string): ArticleFilter {
  const { filter } = parseArticleFilter(query.replace(/^\?/, ""));
  return { ...filter, cursor: undefined, sort: "newest" };
}

export const bulkActionSchema = z
  .object({
    selection: z.enum(["ids", "filter"], { message: "Select articles first." }),
    articleIds: optionalFormValue(articleIdsSchema),
    query: z.string().max(4_000).optional(),
    expectedCount: optionalFormValue(z.coerce.number().int().min(0)),
    action: z.enum(BULK_ACTIONS, { message: "Choose what to do with the selected articles." }),
    tagId: optionalFormValue(recordId),
    tagName: optionalFormValue(tagNameSchema),
    themeId: optionalFormValue(recordId),
    status: optionalFormValue(reviewStatusSchema),
  })
  .superRefine((input, ctx) => {
    const missing = (path: string, message: string) => ctx.addIssue({ code: "custom", path: [path], message });
    if (input.selection === "ids" && !input.articleIds) missing("articleIds", "Select at least one article.");
    if (input.action === "add_tag" && (input.tagId === undefined) === (input.tagName === undefined))
      missing("tagName", "Choose a tag or type a new one.");
    if (input.action === "remove_tag" && input.tagId === undefined) missing("tagId", "Choose the tag to remove.");
    if ((input.action === "set_theme" || input.action === "clear_theme") && input.themeId === undefined)
      missing("themeId", "Choose a theme.");
    if (input.action === "set_status" && input.status === undefined)
      missing("status", "Choose new, reviewed or flagged.");
  })
  .transform((input): { selection: BulkSelection; action: BulkAction } => {
    const selection: BulkSelection =
      input.selection === "ids"
        ? { kind: "ids", ids: input.articleIds! }
        : { kind: "filter", filter: bulkFilterFromQuery(input.query ?? ""), expected: input.expectedCount };
    switch (input.action) {
      case "add_tag":
        return {
          selection,
          action: { type: "add_tag", tag: input.tagId !== undefined ? { id: input.tagId } : { name: input.tagName! } },
        };
      case "remove_tag":
        return { selection, action: { type: "remove_tag", tagId: input.tagId! } };
      case "set_theme":
      case "clear_theme":
        return { selection, action: { type: input.action, themeId: input.themeId! } };
      case "set_status":
        return { selection, action: { type: "set_status", status: input.status! } };
    }
  });

export const countMatchingSchema = z.object({ query: z.string().max(4_000) });

export const undoBulkSchema = z.object({
  undoToken: z
    .string({ message: "Nothing to undo." })
    .trim()
    .regex(/^\d{1,18}$/, "Nothing to undo.")
    .transform((token) => BigInt(token)),
});
