import type { Metadata } from "next";
import Link from "next/link";
import { ChevronLeft, ChevronRight } from "lucide-react";
import { requirePagePermission } from "@/lib/auth/session";
import { decodeCursor, estimateArticleCount, listArticlePage } from "@/lib/data/articles";
import { formatCount } from "@/lib/format";
import { PageHeader } from "@/components/app/page-header";
import { ArticleList } from "@/components/articles/article-list";
import { buttonClasses } from "@/components/ui/button";
import { EmptyState } from "@/components/ui/notice";

export const metadata: Metadata = { title: "Articles" };

type SearchParams = Promise<Record<string, string | string[] | undefined>>;

export default async function ArticlesPage({ searchParams }: { searchParams: SearchParams }) {
  const user = await requirePagePermission("articles:read");
  const params = await searchParams;
  const after = decodeCursor(typeof params.after === "string" ? params.after : null);
  const before = after ? null : decodeCursor(typeof params.before === "string" ? params.before : null);
  const [page, total] = await Promise.all([listArticlePage({ after, before }), estimateArticleCount()]);

  return (
    <>
      <PageHeader title="Articles" description={`About ${formatCount(total)} articles, newest first`} />
      {page.items.length === 0 ? (
        <div className="p-6">
          <EmptyState title={after || before ? "No more articles this way" : "No articles yet"}>
            {after || before ? (
              <Link href="/" className="text-accent-700 underline">
                Back to the newest
              </Link>
            ) : (
              "Articles appear here as feeds are polled or files are imported."
            )}
          </EmptyState>
        </div>
      ) : (
        <ArticleList items={page.items} timeZone={user.timeZone} />
      )}
      <nav aria-label="Pages" className="flex items-center justify-between px-6 py-3">
        {page.newerCursor ? (
          <Link href={`/?before=${encodeURIComponent(page.newerCursor)}`} className={buttonClasses("secondary", "sm")} rel="prev">
            <ChevronLeft className="h-3.5 w-3.5" aria-hidden /> Newer
          </Link>
        ) : (
          <span />
        )}
        {page.olderCursor ? (
          <Link href={`/?after=${encodeURIComponent(page.olderCursor)}`} className={buttonClasses("secondary", "sm")} rel="next">
            Older <ChevronRight className="h-3.5 w-3.5" aria-hidden />
          </Link>
        ) : null}
      </nav>
    </>
  );
}
