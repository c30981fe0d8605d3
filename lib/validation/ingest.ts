import { z } from "zod";
import { MAX_ID } from "@/lib/constants";

// Input of the analyst's Ingest page: a pasted aggregator page, an article URL, an uploaded file.

/** A pasted page is a few kilobytes; this bounds what one paste may make the server parse. */
export const MAX_PASTE_CHARS = 500_000;
/** Uploads stream through the import, so this bounds the run's length, not the server's memory. */
export const MAX_UPLOAD_BYTES = 200 * 1024 * 1024;
export const RUN_ERRORS_PAGE_SIZE = 100;

export const pasteSchema = z.object({
  text: z
    .string({ error: "Paste a page first." })
    .max(MAX_PASTE_CHARS, { error: `The paste is longer than ${MAX_PASTE_CHARS.toLocaleString("en")} characters.` })
    .refine((text) => text.trim() !== "", { error: "Paste a page first." }),
});

/** Saving: the paste again, and the analyst's "store these teasers" checkbox for a paste of teasers alone. */
export const savePasteSchema = pasteSchema.extend({
  confirmTeasers: z.preprocess((value) => value === "on" || value === "true", z.boolean()),
});

const pageUrl = z
  .string({ error: "Enter the article's address." })
  .trim()
  .min(1, { error: "Enter the article's address." })
  .max(2048, { error: "The address is longer than 2,048 characters." })
  .pipe(z.url({ protocol: /^https?$/, error: "Enter a web address starting with http:// or https://." }));

export const fetchPageSchema = z.object({ url: pageUrl });

export const savePageSchema = z.object({
  url: pageUrl,
  source: z
    .string({ error: "Choose a source." })
    .trim()
    .min(1, { error: "Choose a source." })
    .max(200, { error: "The source name is longer than 200 characters." }),
});

/** The upload's name travels URI-encoded in a header; only its last path segment is kept. */
export const uploadFileNameSchema = z
  .string({ error: "The upload has no file name (X-File-Name header)." })
  .transform((value, ctx) => {
    try {
      return decodeURIComponent(value).split(/[\\/]/).pop()!.trim();
    } catch {
      ctx.addIssue({ code: "custom", message: "The file name is not valid URI encoding." });
      return z.NEVER;
    }
  })
  .pipe(
    z
      .string()
      .min(1, { error: "The upload has no file name." })
      .max(255, { error: "The file name is longer than 255 characters." })
      .refine((name) => !/[\u0000-\u001f]/.test(name), { error: "The file name holds control characters." }),
  );

export const runIdSchema = z.coerce
  .number({ error: "Not a run number." })
  .int({ error: "Not a run number." })
  .min(1, { error: "Not a run number." })
  .max(MAX_ID, { error: "Not a run number." });

export const runErrorsPageSchema = z.coerce.number().int().min(1).max(100_000).catch(1);

export type PasteInput = z.infer<typeof pasteSchema>;
export type SavePageInput = z.infer<typeof savePageSchema>;
