// An annotation as a W3C Web Annotation (JSON-LD, https://www.w3.org/TR/annotation-model/): the note is a
// TextualBody; a passage is targeted by a TextQuoteSelector (exact, prefix, suffix) and a
// TextPositionSelector (start, end) over the article's plain text; a whole-article note targets the
// article itself. The export uses this for its annotation files, so every field is plain JSON.

export type W3CAnnotationInput = {
  id: number;
  note: string;
  exact: string | null;
  prefix: string | null;
  suffix: string | null;
  startOffset: number | null;
  endOffset: number | null;
  createdAt: Date;
  updatedAt: Date;
  author: { id: number; name: string };
};

export type W3CArticleRef = { id: number };

export type W3CTextQuoteSelector = { type: "TextQuoteSelector"; exact: string; prefix?: string; suffix?: string };
export type W3CTextPositionSelector = { type: "TextPositionSelector"; start: number; end: number };

export type W3CAnnotation = {
  "@context": "http://www.w3.org/ns/anno.jsonld";
  id: string;
  type: "Annotation";
  motivation: "commenting";
  created: string;
  modified: string;
  creator: { id: string; type: "Person"; name: string };
  body: { type: "TextualBody"; value: string; format: "text/plain"; purpose: "commenting" };
  target: { source: string; selector?: (W3CTextQuoteSelector | W3CTextPositionSelector)[] };
};

export function toW3CAnnotation(
  annotation: W3CAnnotationInput,
  article: W3CArticleRef,
  baseUrl: string,
): W3CAnnotation {
  const base = baseUrl.replace(/\/+$/, "");
  const source = `${base}/articles/${article.id}`;
  const selector: (W3CTextQuoteSelector | W3CTextPositionSelector)[] = [];
  if (annotation.exact !== null) {
    selector.push({
      type: "TextQuoteSelector",
      exact: annotation.exact,
      ...(annotation.prefix ? { prefix: annotation.prefix } : {}),
      ...(annotation.suffix ? { suffix: annotation.suffix } : {}),
    });
    if (annotation.startOffset !== null && annotation.endOffset !== null) {
      selector.push({ type: "TextPositionSelector", start: annotation.startOffset, end: annotation.endOffset });
    }
  }
  return {
    "@context": "http://www.w3.org/ns/anno.jsonld",
    id: `${source}#annotation-${annotation.id}`,
    type: "Annotation",
    motivation: "commenting",
    created: annotation.createdAt.toISOString(),
    modified: annotation.updatedAt.toISOString(),
    creator: { id: `${base}/users/${annotation.author.id}`, type: "Person", name: annotation.author.name },
    body: { type: "TextualBody", value: annotation.note, format: "text/plain", purpose: "commenting" },
    target: selector.length ? { source, selector } : { source },
  };
}
