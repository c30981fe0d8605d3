// The article's main text: Readability on the page with its chrome pruned, then line rules. Measured
// on the public article-extraction benchmark (`npm run bench -- --only extract`, lib/ingest/page/
// zyte-benchmark.ts): Readability alone keeps captions, bylines, related links and share widgets.
import { Readability } from "@mozilla/readability";
import { pruneBoilerplate } from "@/lib/ingest/page/boilerplate";
import { cleanArticleContent } from "@/lib/ingest/page/clean-article";
import { takeHeadline } from "@/lib/ingest/page/headline";

export type ReadabilityArticle = NonNullable<ReturnType<Readability<Element>["parse"]>>;

export type MainText = {
  /** Readability's reading of the untouched page: title, byline, excerpt, site name. */
  metadata: ReadabilityArticle | null;
  /** The article body, cleaned; null when the page holds no article. */
  content: Element | null;
  /** The headline, when the page's title is only the site's name and the body opens with it (see takeHeadline). */
  headline: string | null;
};

// Below this share of what Readability alone finds, pruning took the article with the chrome (a page
// whose article sits in a container named like boilerplate and holding under half the page's prose):
// the article is then Readability's, line rules applied.
const MIN_SHARE_OF_READABILITY = 0.3;

function textLength(element: Element | null | undefined): number {
  return (element?.textContent ?? "").replace(/\s+/g, " ").trim().length;
}

/**
 * Finds the main text of `document`. Readability runs twice: on the page as it is, for the metadata
 * it reads off the page (its title and byline come from elements pruning removes) and as a fallback;
 * and on a pruned copy (class names kept, so the line rules see them), for the body.
 * `document` is consumed: Readability rewrites it.
 */
export function readMainText(document: Document): MainText {
  const pruned = document.cloneNode(true) as Document;
  const metadata = new Readability<Element>(document, { serializer: (node) => node as Element }).parse();
  pruneBoilerplate(pruned);
  const focused = new Readability<Element>(pruned, {
    serializer: (node) => node as Element,
    keepClasses: true,
  }).parse();

  const title = metadata?.title ?? "";
  let content = focused?.content ?? null;
  if (content) cleanArticleContent(content, title);
  const fallback = metadata?.content ?? null;
  if (fallback && textLength(content) < MIN_SHARE_OF_READABILITY * textLength(fallback)) {
    content = fallback;
    cleanArticleContent(content, title);
  }
  const headline = content ? takeHeadline(content, title) : null;
  return { metadata, content: content && textLength(content) > 0 ? content : null, headline };
}
