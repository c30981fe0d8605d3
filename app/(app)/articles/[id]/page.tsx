import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { Suspense } from "react";
import { ExternalLink } from "lucide-react";
import { requirePagePermission } from "@/lib/auth/session";
import { listAnnotations } from "@/lib/data/annotations";
import { listArticleDuplicates } from "@/lib/data/article-duplicates";
import { listArticleVersions } from "@/lib/data/article-versions";
import { formatDateTime } from "@/lib/format";
import { articleThemes } from "@/lib/data/article-themes";
import { getArticle } from "@/lib/data/articles";
import { listThemeOptions } from "@/lib/data/filter-options";
import { tagsForArticles } from "@/lib/data/tags";
import { parseIdText } from "@/lib/validation/ids";
import { can } from "@/lib/permissions";
import { articleMatches } from "@/lib/search/article-highlight";
import { filterToQueryString, parseArticleFilter } from "@/lib/validation/article-filter";
import { markArticleRead } from "@/lib/data/article-reads";
import { LIST_PARAM } from "@/lib/desk/place";
import { articleNeighbours } from "@/lib/search/article-neighbours";
import { ArticlePager } from "@/components/articles/article-pager";
import { PublishedTime } from "@/components/app/published-time";
import { ArticleReader } from "@/components/articles/article-reader";
import { ArticleTagsPanel } from "@/components/articles/article-tags-panel";
import { ArticleThemesPanel } from "@/components/articles/article-themes-panel";
import { AlsoPublishedBy, RelatedArticles, RelatedSkeleton } from "@/components/articles/related-articles";
import { ReviewStatusControl } from "@/components/articles/review-status-control";
import { VersionHistory } from "@/components/articles/version-history";
import { Badge } from "@/components/ui/badge";

type Params = Promise<{ id: string }>;
type SearchParams = Promise<Record<string, string | string[] | undefined>>;

export async function generateMetadata({ params }: { params: Params }): Promise<Metadata> {
  const id = parseIdText((await params).id);
  const article = id ? await getArticle(id) : null;
  return { title: article?.title ?? "Article" };
}

// The reading view: the text with its annotations, and beside it the review status, themes (and why),
// tags and notes; below, the same outlet's articles around that date and stories with similar wording.
// Opened from a search (?q=...&noalias=...), the text marks every match of it and of its other spellings.
export default async function ArticlePage({ params, searchParams }: { params: Params; searchParams: SearchParams }) {
  const user = await requirePagePermission("articles:read");
  const id = parseIdText((await params).id);
  const article = id ? await getArticle(id) : null;
  if (!article) notFound();
  const query = await searchParams;
  const { filter } = parseArticleFilter(query);
  // The list the article was opened from (?list=<its query>): the way back to it and the neighbours in it.
  const listValue = query[LIST_PARAM];
  const { filter: listFromUrl } = parseArticleFilter(
    Array.isArray(listValue) ? (listValue.at(-1) ?? "") : (listValue ?? ""),
  );
  const listFilter = { ...listFromUrl, readerId: user.id };
  const listQuery = filterToQueryString(listFilter);
  const [themeRows, tags, annotations, duplicates, themes, matches, history, neighbours] = await Promise.all([
    articleThemes(article.id),
    tagsForArticles([article.id]),
    listAnnotations(article.id),
    listArticleDuplicates(article.id),
    listThemeOptions(),
    filter.q ? articleMatches(article.bodyText, filter) : null,
    listArticleVersions({ id: user.id, role: user.role }, article.id),
    articleNeighbours(listFilter, article),
    markArticleRead(article.id, { id: user.id, role: user.role }),
  ]);

  const header = (
    <header className="border-b border-slate-100 pb-4">
      <div className="flex flex-wrap items-center gap-x-3 gap-y-1 text-xs text-slate-500">
        <span className="font-medium text-slate-700">{article.source.name}</span>
        <PublishedTime date={article.publishedAt} timeZone={user.timeZone} undated={article.undated} />
        {!article.complete ? <Badge tone="amber">Teaser only: full text not yet received</Badge> : null}
        {article.editedAt ? (
          <a href="#history-heading" className="rounded-sm">
            <Badge tone="amber" title={`Last change seen ${formatDateTime(article.editedAt, user.timeZone)}`}>
              Edited at source · {article.versionCount} versions
            </Badge>
          </a>
        ) : null}
        {article.goneAt ? (
          <Badge tone="red" title={`The source answered 404/410 on ${formatDateTime(article.goneAt, user.timeZone)}`}>
            Gone at source
          </Badge>
        ) : null}
      </div>
      <h1 id="article-title" className="mt-2 font-serif text-2xl leading-snug font-semibold text-slate-900">
        {article.title}
      </h1>
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
  );

  const side = (
    <div className="space-y-4 rounded-lg border border-slate-200 bg-white p-4">
      <ReviewStatusControl
        articleId={article.id}
        status={article.reviewStatus}
        canReview={can(user.role, "articles:review")}
      />
      <ArticleThemesPanel
        articleId={article.id}
        rows={themeRows}
        themes={themes}
        canTheme={can(user.role, "articles:theme")}
        user={{ id: user.id, name: user.name, timeZone: user.timeZone }}
      />
      <ArticleTagsPanel
        articleId={article.id}
        tags={tags[article.id] ?? []}
        canTag={can(user.role, "articles:tag")}
        canCreate={can(user.role, "tags:create")}
      />
      <AlsoPublishedBy duplicates={duplicates} timeZone={user.timeZone} />
    </div>
  );

  return (
    <div className="px-3 py-3 sm:px-6 sm:py-4">
      <ArticlePager
        articleId={article.id}
        listQuery={listQuery}
        searchQuery={filter.q ? filterToQueryString({ q: filter.q, noAliases: filter.noAliases }) : ""}
        previous={neighbours.previous}
        next={neighbours.next}
        canReview={can(user.role, "articles:review")}
      />
      <div className="mt-3">
        <ArticleReader
          articleId={article.id}
          bodyText={article.bodyText}
          language={article.language}
          header={header}
          side={side}
          annotations={annotations}
          search={
            matches && filter.q
              ? {
                  query: filter.q,
                  spellings: matches.expansions.reduce((sum, expansion) => sum + expansion.searched.length, 0),
                  ranges: matches.ranges,
                }
              : null
          }
          user={{ id: user.id, name: user.name, timeZone: user.timeZone }}
          latestVersion={article.versionCount}
          can={{
            annotate: can(user.role, "articles:annotate"),
            moderate: can(user.role, "annotations:moderate"),
            propose: can(user.role, "names:propose"),
          }}
        />
      </div>
      {history ? (
        <VersionHistory
          versions={history.versions.map((v) => ({
            version: v.version,
            title: v.title,
            bodyText: v.bodyText,
            url: v.url,
            seenAt: v.seenAt.toISOString(),
            seenBy: v.seenBy,
          }))}
          goneAt={history.goneAt?.toISOString() ?? null}
          timeZone={user.timeZone}
        />
      ) : null}
      <Suspense fallback={<RelatedSkeleton />}>
        <RelatedArticles
          article={{
            id: article.id,
            sourceId: article.source.id,
            sourceName: article.source.name,
            publishedAt: article.publishedAt,
          }}
          timeZone={user.timeZone}
        />
      </Suspense>
    </div>
  );
}
