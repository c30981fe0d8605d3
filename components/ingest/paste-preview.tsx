import type { PastePreview, PastePreviewArticle } from "@/lib/ingest/paste/paste-items";
import { Badge } from "@/components/ui/badge";
import { Notice } from "@/components/ui/notice";

/** "2 full articles and 18 teasers", what the Save button and the summary say the paste holds. */
export function describePasteContents(preview: Pick<PastePreview, "full" | "teasers">): string {
  const parts = [
    preview.full ? `${preview.full} full article${preview.full === 1 ? "" : "s"}` : null,
    preview.teasers ? `${preview.teasers} teaser${preview.teasers === 1 ? "" : "s"}` : null,
  ].filter((part) => part !== null);
  return parts.join(" and ") || "nothing";
}

/** Every article the paste holds, full ones first as cards, then the teasers as a compact list. */
export function PastePreviewView({ preview }: { preview: PastePreview }) {
  const full = preview.articles.filter((article) => article.complete);
  const teasers = preview.articles.filter((article) => !article.complete);
  return (
    <section aria-labelledby="paste-preview" className="space-y-4">
      <div className="flex flex-wrap items-baseline gap-x-3 gap-y-1">
        <h2 id="paste-preview" className="text-sm font-semibold text-slate-900">
          Preview: what will be saved
        </h2>
        <p className="text-xs text-slate-500">Found {describePasteContents(preview)}.</p>
      </div>
      {preview.errors.length > 0 ? (
        <Notice tone="error">
          <p className="font-medium">This paste cannot be saved:</p>
          <ul className="mt-1 list-disc pl-5">
            {preview.errors.map((error) => (
              <li key={error}>{error}</li>
            ))}
          </ul>
        </Notice>
      ) : null}
      {preview.warnings.length > 0 ? (
        <div className="rounded-md border border-amber-200 bg-amber-50 px-3 py-2 text-sm text-amber-900">
          <p className="font-medium">Check before saving:</p>
          <ul className="mt-1 list-disc pl-5">
            {preview.warnings.map((warning) => (
              <li key={warning}>{warning}</li>
            ))}
          </ul>
        </div>
      ) : null}
      {full.length > 0 ? (
        <ol aria-label="Full articles" className="space-y-3">
          {full.map((article) => (
            <FullArticle key={article.line} article={article} />
          ))}
        </ol>
      ) : null}
      {teasers.length > 0 ? (
        <section aria-labelledby="paste-teasers" className="rounded-lg border border-slate-200 bg-white">
          <h3 id="paste-teasers" className="border-b border-slate-200 px-5 py-2 text-sm font-semibold text-slate-900">
            Teasers: {teasers.length}{" "}
            <span className="font-normal text-slate-500">(stored as incomplete until the full text arrives)</span>
          </h3>
          <ol className="divide-y divide-slate-100" aria-label="Teasers">
            {teasers.map((article) => (
              <Teaser key={article.line} article={article} />
            ))}
          </ol>
        </section>
      ) : null}
    </section>
  );
}

function FullArticle({ article }: { article: PastePreviewArticle }) {
  return (
    <li className="rounded-lg border border-slate-200 bg-white px-5 py-4">
      <article aria-label={article.title}>
        <div className="flex flex-wrap items-center gap-x-3 gap-y-1 text-xs text-slate-500">
          <span className="font-medium text-slate-700">{article.outlet}</span>
          <span>{article.source}</span>
          <time dateTime={article.publishedDate}>{article.day}</time>
          <span>
            {article.paragraphCount} paragraph{article.paragraphCount === 1 ? "" : "s"}
          </span>
          <span className="tabular-nums">line {article.line}</span>
          <Badge tone="green">Full article</Badge>
        </div>
        <h3 className="mt-1.5 font-serif text-lg font-semibold text-slate-900">{article.title}</h3>
        <p className="mt-1.5 font-serif text-sm leading-6 text-slate-700">{article.firstWords}</p>
      </article>
    </li>
  );
}

function Teaser({ article }: { article: PastePreviewArticle }) {
  return (
    <li className="grid grid-cols-[6.5rem_1fr] gap-3 px-5 py-2">
      <time dateTime={article.publishedDate} className="pt-0.5 text-xs text-slate-500 tabular-nums">
        {article.day}
      </time>
      <div className="min-w-0">
        <div className="flex flex-wrap items-center gap-2">
          <span className="text-sm font-medium text-slate-900">{article.title}</span>
          <Badge tone="amber">Teaser</Badge>
          <span className="text-xs text-slate-500">{article.source}</span>
        </div>
        <p className="mt-0.5 line-clamp-2 text-xs text-slate-500">{article.firstWords}</p>
      </div>
    </li>
  );
}
