import { z } from "zod";
import { REVIEW_STATUSES } from "@/lib/validation/article-filter";
import { MAX_ID } from "@/lib/constants";

// Inputs of the analyst's writes on articles (review status, themes by hand) and the pieces the tag,
// bulk and annotation schemas share. Every schema takes a form's strings (ids as "1,2,3") as well as
// typed values, so one action serves a <form> post and a direct call from a client component.

/** At most this many explicitly selected articles per request ("select all matching" has its own cap). */
export const MAX_EXPLICIT_IDS = 5_000;

export const recordId = z.coerce
  .number({ message: "Expected an id." })
  .int("Expected an id.")
  .positive("Expected an id.")
  .max(MAX_ID, "Expected an id.");

/** A form sends "" for a field left empty: that is the same as leaving it out. */
export function optionalFormValue<T extends z.ZodType>(schema: T) {
  return z.preprocess((value) => (value === "" || value === null ? undefined : value), schema.optional());
}

/** Distinct article ids, in the order given, from an array or a comma-separated string. */
export const articleIdsSchema = z.preprocess(
  (value) =>
    typeof value === "string"
      ? value
          .split(",")
          .map((part) => part.trim())
          .filter(Boolean)
      : value,
  z
    .array(recordId, { message: "Select at least one article." })
    .min(1, "Select at least one article.")
    .max(
      MAX_EXPLICIT_IDS,
      `Select at most ${MAX_EXPLICIT_IDS.toLocaleString("en-US")} articles at once, or use "select all matching".`,
    )
    .transform((ids) => [...new Set(ids)]),
);

export const reviewStatusSchema = z.preprocess(
  (value) => (typeof value === "string" ? value.trim().toUpperCase() : value),
  z.enum(REVIEW_STATUSES, { message: "Choose new, reviewed or flagged." }),
);

export const setReviewStatusSchema = z.object({ articleIds: articleIdsSchema, status: reviewStatusSchema });

/** Set or clear one theme by hand on articles. */
export const articleThemeSchema = z.object({ articleIds: articleIdsSchema, themeId: recordId });

export const articleIdSchema = z.object({ articleId: recordId });
