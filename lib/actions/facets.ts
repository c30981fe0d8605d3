"use server";

import { z } from "zod";
import { defineAction } from "@/lib/actions/define-action";
import { articleFacets, type ArticleFacets } from "@/lib/search/article-facets";
import { parseArticleFilter } from "@/lib/validation/article-filter";

// The desk's facet counts are counted on the newest matches of a broad filter (lib/search/article-facets.ts);
// this counts every match, on demand.
//
//   exactFacetsAction { query }   "articles:read" -> ArticleFacets, each group exact

export const exactFacetsAction = defineAction(
  { permission: "articles:read", schema: z.object({ query: z.string().max(8_000) }) },
  async ({ input }) => {
    const { filter } = parseArticleFilter(input.query);
    const facets: ArticleFacets = await articleFacets(filter, { exact: true });
    return { ok: true, data: facets };
  },
);
