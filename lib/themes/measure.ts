// Precision and recall of theme rules against a labelled check set. An article is labelled either by hand
// (every theme that applies is listed, so it counts for precision and recall) or by the KCNA site's section
// (one theme is known to apply and nothing is known about the others, so it counts only for that theme's recall).

export type LabelledArticle = { url: string; labelling: "hand" | "section"; labels: string[] };

export type ThemeScore = {
  slug: string;
  precision: number | null;
  recall: number | null;
  predicted: number;
  positives: number;
};

export function scoreThemes(
  slugs: string[],
  articles: LabelledArticle[],
  predicted: Map<string, Set<string>>,
): ThemeScore[] {
  return slugs.map((slug) => {
    let truePositives = 0;
    let predictedInHand = 0;
    let positives = 0;
    let found = 0;
    for (const article of articles) {
      const has = article.labels.includes(slug);
      const got = predicted.get(article.url)?.has(slug) ?? false;
      if (article.labelling === "hand" && got) {
        predictedInHand++;
        if (has) truePositives++;
      }
      if (has) {
        positives++;
        if (got) found++;
      }
    }
    return {
      slug,
      precision: predictedInHand ? truePositives / predictedInHand : null,
      recall: positives ? found / positives : null,
      predicted: predictedInHand,
      positives,
    };
  });
}

/** Mean of the defined values; null when none is. */
export function macroAverage(values: (number | null)[]): number | null {
  const defined = values.filter((value): value is number => value !== null);
  return defined.length ? defined.reduce((sum, value) => sum + value, 0) / defined.length : null;
}

/** A stable half of the set by URL: "tune" to adjust rules on, "test" to report on. */
export function halfOf(url: string): "tune" | "test" {
  let hash = 0;
  for (const char of url) hash = (hash * 31 + char.charCodeAt(0)) >>> 0;
  return hash % 2 === 0 ? "tune" : "test";
}
