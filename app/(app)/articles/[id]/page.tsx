import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { ArrowLeft, ExternalLink } from "lucide-react";
import { requirePagePermission } from "@/lib/auth/session";
import { getArticle } from "@/lib/data/articles";
import { PublishedTime } from "@/components/app/published-time";
import { ReviewStatusBadge } from "@/components/articles/review-status-badge";
import { Badge } from "@/components/ui/badge";

type Params = Promise<{ id: string }>;

function parseId(raw: string): number | null {
  return /^\d{1,10}$/.test(raw) && Number(raw) <= 2_147_483_647 ? Number(raw) : null;
}

export async function generateMetadata({ params }: { params: Params }): Promise<Metadata> {
  const id = parseId((await params).id);
  const article = id ? await getArticle(id) : null;
  return { title: article?.title ?? "Article" };
}

export default async function ArticlePage({ params }: { params: Params }) {
  const user = await requirePagePermission("articles:read");
  const id = parseId((await params).id);
  const article = id ? await getArticle(id) : null;
  if (!article) notFound();

  const paragraphs = article.bodyText.split("\n").filter((p) => p.trim() !== "");
  return (
    <div className="px-6 py-5">
      <Link href="/" className="inline-flex items-center gap-1 text-sm text-slate-500 hover:text-slate-900">
        <ArrowLeft className="h-3.5 w-3.5" aria-hidden /> Articles
      </Link>
      <article className="mt-3 max-w-3xl rounded-lg border border-slate-200 bg-white px-8 py-6" lang={article.language}>
        <header className="border-b border-slate-100 pb-4">
          <div className="flex flex-wrap items-center gap-x-3 gap-y-1 text-xs text-slate-500">
            <span className="font-medium text-slate-700">{article.source.name}</span>
            <PublishedTime date={article.publishedAt} timeZone={user.timeZone} />
            <ReviewStatusBadge status={article.reviewStatus} />
            {!article.complete ? <Badge tone="amber">Teaser only: full text not yet received</Badge> : null}
          </div>
          <h1 className="mt-2 font-serif text-2xl leading-snug font-semibold text-slate-900">{article.title}</h1>
          {article.byline ? <p className="mt-1 text-sm text-slate-600">{article.byline}</p> : null}
          {article.url ? (
            <a
              href={article.url}
              target="_blank"
              rel="noopener noreferrer nofollow"
              className="mt-2 inline-flex items-center gap-1 text-sm text-accent-700 hover:underline"
            >
              Original <ExternalLink className="h-3.5 w-3.5" aria-hidden />
              <span className="sr-only">(opens in a new tab)</span>
            </a>
          ) : null}
        </header>
        <div className="mt-4 space-y-3 font-serif text-[15px] leading-7 text-slate-800">
          {paragraphs.map((paragraph, index) => (
            <p key={index}>{paragraph}</p>
          ))}
        </div>
      </article>
    </div>
  );
}
