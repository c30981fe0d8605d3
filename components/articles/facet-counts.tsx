"use client";

import { useState, useTransition } from "react";
import { exactFacetsAction } from "@/lib/actions/facets";
import { formatCount } from "@/lib/format";
import type { ArticleFacets } from "@/lib/search/article-facets";
import type { ArticleFilter } from "@/lib/validation/article-filter-url";
import { Button } from "@/components/ui/button";
import { FacetRail } from "@/components/articles/facet-rail";

// The facet rail with its honesty note: when a broad result was counted on its newest articles only, it says
// so in a sentence and offers the exact figures, counted on the server when asked for.
export function FacetCounts({
  facets: sampled,
  filter,
  query,
}: {
  facets: ArticleFacets;
  filter: ArticleFilter;
  /** The list's filter as a query string, for the exact count. */
  query: string;
}) {
  const [exact, setExact] = useState<ArticleFacets | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [pending, startTransition] = useTransition();
  const facets = exact ?? sampled;
  const partial = Object.values(facets).filter((group) => !group.exact && group.counts.length);
  const covered = Math.min(...partial.map((group) => group.sampled));

  function countExactly() {
    setError(null);
    startTransition(async () => {
      try {
        const result = await exactFacetsAction(null, { query });
        if (result.ok && result.data) setExact(result.data);
        else setError(result.ok ? "The counts could not be loaded." : result.error);
      } catch {
        setError("The counts could not be loaded: check the connection and try again.");
      }
    });
  }

  return (
    <div className="space-y-3">
      {partial.length ? (
        <div className="rounded-md border border-amber-200 bg-amber-50 px-2 py-1.5 text-xs text-amber-900" role="note">
          <p>
            The result is large, so these counts cover only its newest {formatCount(covered)} articles; the total above
            the list counts them all.
          </p>
          <Button size="sm" className="mt-1.5" onClick={countExactly} disabled={pending}>
            {pending ? "Counting…" : "Count all exactly"}
          </Button>
          {error ? (
            <p role="alert" className="mt-1 text-red-800">
              {error}
            </p>
          ) : null}
        </div>
      ) : exact ? (
        <p className="px-1.5 text-xs text-slate-500" role="status">
          Exact counts of every matching article.
        </p>
      ) : null}
      <FacetRail facets={facets} filter={filter} />
    </div>
  );
}
