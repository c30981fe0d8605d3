import Link from "next/link";
import type { ArticleListItem } from "@/lib/data/articles";
import { PublishedTime } from "@/components/app/published-time";
import { ReviewStatusBadge } from "@/components/articles/review-status-badge";
import { Badge } from "@/components/ui/badge";

export function ArticleList({ items, timeZone }: { items: ArticleListItem[]; timeZone: string }) {
  return (
    <ol className="divide-y divide-slate-200 border-y border-slate-200 bg-white" aria-label="Articles">
      {items.map((article) => (
        <li key={article.id} className="group grid grid-cols-[7.5rem_1fr_auto] gap-4 px-6 py-2.5 hover:bg-slate-50">
          <div className="pt-0.5 text-xs text-slate-500 tabular-nums">
            <PublishedTime date={article.publishedAt} timeZone={timeZone} />
            <div className="mt-0.5 truncate text-slate-400">{article.sourceName}</div>
          </div>
          <div className="min-w-0">
            <Link
              href={`/articles/${article.id}`}
              className="font-medium text-slate-900 group-hover:text-accent-700 hover:underline"
            >
              {article.title}
            </Link>
            <p className="mt-0.5 line-clamp-1 text-sm text-slate-500">{article.excerpt}</p>
          </div>
          <div className="flex items-start gap-1 pt-0.5">
            {!article.complete ? (
              <Badge tone="amber" title="Only a teaser has arrived so far">
                Teaser
              </Badge>
            ) : null}
            <ReviewStatusBadge status={article.reviewStatus} />
          </div>
        </li>
      ))}
    </ol>
  );
}
