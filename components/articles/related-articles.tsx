import "server-only";
import Link from "next/link";
import { ExternalLink } from "lucide-react";
import { unstable_rethrow } from "next/navigation";
import type { ArticleDuplicateItem } from "@/lib/data/article-duplicates";
import { moreFromSource, similarArticles, type RelatedArticle } from "@/lib/search/related";
import { PublishedTime } from "@/components/app/published-time";

// Around the reading view: the other sightings of the story ("also published by"), the same outlet's
// articles around its date, and stories with similar wording (lib/search/related.ts).

export function AlsoPublishedBy({ duplicates, timeZone }: { duplicates: ArticleDuplicateItem[]; timeZone: string }) {
  if (!duplicates.length) return null;
  return (
    <section aria-labelledby="duplicates-heading">
      <h2 id="duplicates-heading" className="mb-1.5 text-xs font-semibold text-slate-900">
        Also published by
      </h2>
      <ul className="space-y-1.5">
        {duplicates.map((duplicate) => (
          <li key={duplicate.id} className="text-xs">
            <div className="flex items-baseline gap-1.5">
              <span className="font-medium text-slate-800">{duplicate.source.name}</span>
              <span
                className="text-slate-500 tabular-nums"
                title={
                  duplicate.kind === "EXACT" ? "An exact copy" : "A near copy: estimated share of the same wording"
                }
              >
                {duplicate.kind === "EXACT" ? "exact copy" : `${Math.round(duplicate.similarity * 100)}% similar`}
              </span>
            </div>
            <div className="text-slate-500">
              <PublishedTime date={duplicate.publishedAt} timeZone={timeZone} />
              {duplicate.url ? (
                <>
                  {" · "}
                  <a
                    href={duplicate.url}
                    target="_blank"
                    rel="noopener noreferrer nofollow"
                    className="inline-flex items-center gap-0.5 text-accent-700 hover:underline"
                  >
                    link <ExternalLink className="h-3 w-3" aria-hidden />
                    <span className="sr-only">(opens in a new tab)</span>
                  </a>
                </>
              ) : null}
            </div>
          </li>
        ))}
      </ul>
    </section>
  );
}

function RelatedList({
  title,
  items,
  timeZone,
  empty,
  currentId,
}: {
  title: string;
  items: RelatedArticle[] | null;
  timeZone: string;
  empty: string;
  currentId?: number;
}) {
  const headingId = `related-${title.toLowerCase().replace(/\W+/g, "-")}`;
  return (
    <section aria-labelledby={headingId} className="min-w-0 rounded-lg border border-slate-200 bg-white p-4">
      <h2 id={headingId} className="mb-2 text-xs font-semibold text-slate-900">
        {title}
      </h2>
      {items === null ? (
        <p className="text-xs text-slate-500">These could not be loaded.</p>
      ) : items.length ? (
        <ol className="space-y-1.5">
          {items.map((item) => (
            <li key={item.id} className="grid grid-cols-[6.5rem_minmax(0,1fr)] gap-2 text-xs">
              <PublishedTime date={item.publishedAt} timeZone={timeZone} className="text-slate-500 tabular-nums" />
              <span className="min-w-0">
                <Link
                  href={`/articles/${item.id}`}
                  className="text-slate-800 hover:text-accent-700 hover:underline"
                  aria-current={item.id === currentId ? "page" : undefined}
                >
                  {item.title}
                </Link>
                <span className="text-slate-400"> · {item.source.name}</span>
              </span>
            </li>
          ))}
        </ol>
      ) : (
        <p className="text-xs text-slate-500">{empty}</p>
      )}
    </section>
  );
}

async function orNull<T>(load: () => Promise<T>): Promise<T | null> {
  try {
    return await load();
  } catch (error) {
    unstable_rethrow(error);
    console.error("reading view: related articles failed", error);
    return null;
  }
}

export async function RelatedArticles({
  article,
  timeZone,
}: {
  article: { id: number; sourceId: number; sourceName: string; publishedAt: Date };
  timeZone: string;
}) {
  const [fromSource, similar] = await Promise.all([
    orNull(() => moreFromSource(article, { limit: 6 })),
    orNull(() => similarArticles(article.id, { limit: 6 })),
  ]);
  return (
    <div className="mt-5 grid gap-5 lg:grid-cols-2">
      <RelatedList
        title={`More from ${article.sourceName}`}
        items={fromSource}
        timeZone={timeZone}
        empty="Nothing else from this source around that date."
      />
      <RelatedList title="Similar stories" items={similar} timeZone={timeZone} empty="No story with similar wording." />
    </div>
  );
}

export function RelatedSkeleton() {
  return (
    <div className="mt-5 grid gap-5 lg:grid-cols-2" aria-hidden>
      {[0, 1].map((box) => (
        <div key={box} className="h-40 animate-pulse rounded-lg border border-slate-200 bg-white" />
      ))}
    </div>
  );
}
