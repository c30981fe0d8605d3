import { datelineAgency, parseDateline, parseLongDate } from "@/lib/ingest/paste/paste-dates";
import type { PasteLine } from "@/lib/ingest/paste/paste-lines";
import { mapOutlet, type PastedArticle } from "@/lib/ingest/paste/pasted-article";

// A "More From KCNA.kp (En)" list: per entry the title (the aggregator prints it twice), a teaser cut short,
// the entry's date ("January 22, 2026"), and the teaser again; the list ends with "More Articles".

/**
 * The entries of a list, as teasers (complete: false). `label` is the heading's source label; without a
 * heading the source comes from the teasers' datelines ("(KCNA)"). Lines that fit no entry are warned about
 * with their line numbers, never silently dropped.
 */
export function parseMoreFrom(lines: PasteLine[], label: string | null, warnings: string[]): PastedArticle[] {
  const entries = lines.filter((line) => line.kind !== "blank" && line.kind !== "more-articles");
  const articles: PastedArticle[] = [];
  let start = 0;
  for (let index = 0; index < entries.length; index += 1) {
    if (entries[index].kind !== "long-date") continue;
    const publishedDate = parseLongDate(entries[index].text);
    const segment = entries.slice(start, index);
    start = index + 1;
    if (segment.length < 2 || !publishedDate) {
      warnings.push(
        `Line ${entries[index].number}: skipped a More From entry near "${entries[index].text}": expected a title, a teaser and a valid date.`,
      );
      continue;
    }
    // The title is the line the aggregator repeats; leftovers of a broken entry before it are dropped.
    const repeated = segment.findIndex((line, at) => at < segment.length - 2 && segment[at + 1].text === line.text);
    const titleLine = segment[Math.max(repeated, 0)];
    const teaser = segment[segment.length - 1].text;
    if (segment.length > 3 || (segment.length === 3 && repeated !== 0)) {
      warnings.push(
        `Line ${titleLine.number}: the More From entry "${titleLine.text}" has unexpected lines; kept "${titleLine.text}" as title and line ${segment[segment.length - 1].number} as teaser.`,
      );
    }
    if (entries[index + 1]?.text === teaser) {
      index += 1;
      start = index + 1;
    }
    const source = label ?? datelineAgency(teaser) ?? "";
    articles.push({
      title: titleLine.text,
      source,
      outlet: mapOutlet(source),
      publishedDate,
      body: teaser,
      complete: false,
      dateline: parseDateline(teaser),
      line: titleLine.number,
      url: null,
    });
  }
  if (start < entries.length) {
    const rest = entries.slice(start);
    warnings.push(
      `${describeLines(rest[0].number, rest.at(-1)!.number)} after the last More From entry were not read (${rest.length} line${rest.length === 1 ? "" : "s"} starting "${excerpt(rest[0].text)}").`,
    );
  }
  return label === null ? fillSources(articles, warnings) : articles;
}

/** Entries whose teaser has no dateline take the source most of the others name. */
function fillSources(articles: PastedArticle[], warnings: string[]): PastedArticle[] {
  const counts = new Map<string, number>();
  for (const article of articles) if (article.source) counts.set(article.source, (counts.get(article.source) ?? 0) + 1);
  const common = [...counts.entries()].sort((a, b) => b[1] - a[1])[0]?.[0];
  if (!common) return articles;
  warnings.push(`No "More From" heading: the source ${common} comes from the teasers' datelines.`);
  return articles.map((article) =>
    article.source ? article : { ...article, source: common, outlet: mapOutlet(common) },
  );
}

export function describeLines(first: number, last: number): string {
  return first === last ? `Line ${first}` : `Lines ${first}–${last}`;
}

export function excerpt(text: string, length = 40): string {
  return text.length > length ? `${text.slice(0, length - 1).trimEnd()}…` : text;
}
