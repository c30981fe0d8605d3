"use server";

import { z } from "zod";
import { defineAction } from "@/lib/actions/define-action";
import { markArticlesUnread } from "@/lib/data/article-reads";
import { articleIdsSchema } from "@/lib/validation/article-actions";

// A person's own read marks (lib/data/article-reads.ts). Opening an article marks it read (the article page
// does that as it renders); this takes the mark away again. No revalidation: the mark is the caller's only,
// and the browser that sent it shows it at once.
//
//   markUnreadAction { articleIds }   "articles:read" -> { affected }

export const markUnreadAction = defineAction(
  { permission: "articles:read", schema: z.object({ articleIds: articleIdsSchema }) },
  async ({ actor, input: { articleIds } }) => {
    const affected = await markArticlesUnread(articleIds, actor);
    return {
      ok: true,
      message: articleIds.length === 1 ? "Marked unread." : `Marked ${articleIds.length} unread.`,
      data: { affected },
    };
  },
);
