import type { ArticleRow } from "@/lib/search/list-articles";

// The list's rows as the server sends them to the browser: each row names its source, themes and tags by id,
// and one table per page gives each id's name and colour once. The rows repeated them (a page of 50 carried
// "Leadership activities" and its colour 30 times), and every copy was serialized into the page's payload,
// sent and parsed again in the browser. `expandRows` gives back exactly the rows the server read.

type ThemeOrigin = ArticleRow["themes"][number]["origin"];

export type CompactRow = Omit<ArticleRow, "source" | "themes" | "tags"> & {
  sourceId: number;
  /** [theme id, how it was assigned] */
  themes: [number, ThemeOrigin][];
  tags: number[];
};

export type RowLabels = {
  sources: Record<number, string>;
  themes: Record<number, { name: string; color: string }>;
  tags: Record<number, { name: string; color: string }>;
};

export function compactRows(rows: ArticleRow[]): { rows: CompactRow[]; labels: RowLabels } {
  const labels: RowLabels = { sources: {}, themes: {}, tags: {} };
  const compact = rows.map(({ source, themes, tags, ...rest }) => {
    labels.sources[source.id] = source.name;
    for (const theme of themes) labels.themes[theme.id] = { name: theme.name, color: theme.color };
    for (const tag of tags) labels.tags[tag.id] = { name: tag.name, color: tag.color };
    return {
      ...rest,
      sourceId: source.id,
      themes: themes.map((theme): [number, ThemeOrigin] => [theme.id, theme.origin]),
      tags: tags.map((tag) => tag.id),
    };
  });
  return { rows: compact, labels };
}

export function expandRows(rows: CompactRow[], labels: RowLabels): ArticleRow[] {
  return rows.map(({ sourceId, themes, tags, ...rest }) => ({
    ...rest,
    source: { id: sourceId, name: labels.sources[sourceId] },
    themes: themes.map(([id, origin]) => ({ id, ...labels.themes[id], origin })),
    tags: tags.map((id) => ({ id, ...labels.tags[id] })),
  }));
}
