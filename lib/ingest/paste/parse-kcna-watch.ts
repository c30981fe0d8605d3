import { describeLines, excerpt, parseMoreFrom } from "@/lib/ingest/paste/more-from";
import { datelineAgency, inferDateFromDateline, parseDateline, parseMetaDate } from "@/lib/ingest/paste/paste-dates";
import { findDatelineAnchors, findMetaAnchors, findSections, type Anchor } from "@/lib/ingest/paste/find-articles";
import { END_MARK, readLines, type PasteLine } from "@/lib/ingest/paste/paste-lines";
import { mapOutlet, type PastedArticle } from "@/lib/ingest/paste/pasted-article";

// Reads text copied from a KCNA Watch style aggregator (see test/fixtures/paste/): one or several article
// pages, each
//   date header / source line ("KCNA KCNA.kp (En)") / title / "Date: 10/06/2021 | Source: KCNA.kp (En) | ..." /
//   body from the dateline "Pyongyang, June 10 (KCNA) --" to the end mark "-0-" /
//   optionally a "More From KCNA.kp (En)" list of teasers ending in "More Articles",
// or a More From list alone. An article starts at a title followed by a Date line, or, without a Date line,
// at a title followed by a dateline at the start of the text or after another article's end.
// Pure and total: text that does not fit gives `errors` naming the line, never an exception.

const NO_ARTICLE =
  'No article found: expected a title followed by a "Date: dd/mm/yyyy | Source: …" line or by a dateline such as "Pyongyang, June 10 (KCNA) --".';

/** `articles` in the paste's order; every message starts with the line it is about. */
export type PasteParseResult = { articles: PastedArticle[]; warnings: string[]; errors: string[] };

export function parseKcnaWatchPaste(text: string, options: { now?: Date } = {}): PasteParseResult {
  const now = options.now ?? new Date();
  const lines = readLines(text);
  const warnings: string[] = [];
  const errors: string[] = [];
  const read = new Set<number>();

  const anchors = [...findMetaAnchors(lines, read), ...findDatelineAnchors(lines, errors)].sort(
    (a, b) => a.start - b.start,
  );
  const sections = findSections(lines, anchors);
  const articles: PastedArticle[] = [];
  let nextSection = 0;
  anchors.forEach((anchor, k) => {
    // Both lists are in line order: the first list after this article's Date line ends its text.
    while (nextSection < sections.length && sections[nextSection].start < anchor.bodyStart) nextSection++;
    const limit = Math.min(anchors[k + 1]?.start ?? lines.length, sections[nextSection]?.start ?? lines.length);
    const article = readArticle(lines, anchor, limit, { now, warnings, errors, read });
    if (article) articles.push(article);
  });
  for (const section of sections) {
    for (let i = section.start; i < section.end; i++) read.add(i);
    articles.push(...parseMoreFrom(lines.slice(section.start + 1, section.end), section.label, warnings));
  }
  if (anchors.length === 0 && sections.length === 0 && errors.length === 0) return parseHeadlessList(lines, warnings);
  if (articles.length === 0 && errors.length === 0) return { articles, warnings: [], errors: [NO_ARTICLE] };
  warnUnread(lines, read, warnings);
  warnRepeats(articles, warnings);
  return { articles: articles.sort((a, b) => a.line - b.line), warnings, errors };
}

/** No article and no More From heading: the entries of a list copied without its heading, or nothing we know. */
function parseHeadlessList(lines: PasteLine[], warnings: string[]): PasteParseResult {
  const articles = parseMoreFrom(lines, null, warnings);
  if (articles.length === 0) return { articles, warnings: [], errors: [NO_ARTICLE] };
  const errors = articles
    .filter((article) => !article.source)
    .map((article) => `Line ${article.line}: no source for "${article.title}": its teaser has no dateline.`);
  return { articles: articles.filter((article) => article.source), warnings, errors };
}

type Context = { now: Date; warnings: string[]; errors: string[]; read: Set<number> };

function readArticle(lines: PasteLine[], anchor: Anchor, limit: number, context: Context): PastedArticle | null {
  const { warnings, errors, read } = context;
  for (let i = anchor.start; i <= Math.max(anchor.title, anchor.start); i++) read.add(i);
  if (anchor.title === -1) {
    errors.push(`Line ${anchor.at}: the Date line has no title above it.`);
    return null;
  }
  const title = lines[anchor.title].text;
  const titled = `Line ${lines[anchor.title].number}`;
  const paragraphs: string[] = [];
  let ended = false;
  for (let i = anchor.bodyStart; i < limit && !ended; i++) {
    const line = lines[i];
    read.add(i);
    if (line.kind === "blank") continue;
    ended = END_MARK.test(line.text);
    const text = ended ? line.text.replace(END_MARK, "") : line.text;
    if (text) paragraphs.push(text);
  }
  if (paragraphs.length === 0) {
    errors.push(`${titled}: "${title}" has no text after its ${anchor.meta ? "Date line" : "title"}.`);
    return null;
  }
  const dateline = parseDateline(paragraphs[0]);
  const source = anchor.meta?.source ?? anchor.headerSource ?? datelineAgency(paragraphs[0]);
  if (!source) {
    errors.push(`${titled}: no source for "${title}": no Source cell, source line or dateline.`);
    return null;
  }
  if (!ended && mapOutlet(source) === "KCNA")
    warnings.push(`${titled}: no end mark (-0-) after "${title}"; its text runs to line ${lines[limit - 1].number}.`);

  const resolved = resolveDate(anchor, dateline, title, titled, context);
  if (!resolved) return null;
  const { date: publishedDate, guessed } = resolved;
  const sourceGuessed = !anchor.meta?.source && !anchor.headerSource;
  if (guessed || sourceGuessed)
    warnings.push(
      `${titled}: "${title}" has no ${[guessed && "Date line", sourceGuessed && "source line"].filter(Boolean).join(" or ")}; ` +
        `its ${[sourceGuessed && `source ${source}`, guessed && `date ${publishedDate}`].filter(Boolean).join(" and ")} ` +
        `come${guessed && sourceGuessed ? "" : "s"} from the dateline${guessed ? ", with the year assumed" : ""}.`,
    );
  if (Date.parse(`${publishedDate}T00:00:00Z`) > context.now.getTime() + 86_400_000)
    warnings.push(`${titled}: the date ${publishedDate} of "${title}" is in the future.`);
  return {
    title,
    source,
    outlet: mapOutlet(source),
    publishedDate,
    body: paragraphs.join("\n"),
    complete: true,
    dateline,
    line: lines[anchor.title].number,
    url: anchor.meta?.url ?? null,
  };
}

function resolveDate(
  anchor: Anchor,
  dateline: ReturnType<typeof parseDateline>,
  title: string,
  titled: string,
  { now, warnings, errors }: Context,
): { date: string; guessed: boolean } | null {
  if (anchor.meta?.date) {
    const parsed = parseMetaDate(anchor.meta.date, dateline);
    if ("error" in parsed) {
      errors.push(`Line ${anchor.at}: the Date line of "${title}" cannot be read: ${parsed.error}.`);
      return null;
    }
    if (parsed.warning) warnings.push(`Line ${anchor.at}: ${parsed.warning}.`);
    return { date: parsed.date, guessed: false };
  }
  const inferred = dateline ? inferDateFromDateline(dateline, now) : null;
  if (!inferred) {
    errors.push(`${titled}: no date for "${title}": no Date line and no dateline.`);
    return null;
  }
  return { date: inferred, guessed: true };
}

function warnUnread(lines: PasteLine[], read: Set<number>, warnings: string[]): void {
  let run: PasteLine[] = [];
  const flush = () => {
    if (run.length === 0) return;
    warnings.push(
      `${describeLines(run[0].number, run.at(-1)!.number)} were not read as part of any article (${run.length} line${run.length === 1 ? "" : "s"} starting "${excerpt(run[0].text)}").`,
    );
    run = [];
  };
  lines.forEach((line, i) => {
    if (read.has(i)) flush();
    else if (line.kind !== "blank") run.push(line);
  });
  flush();
}

function warnRepeats(articles: PastedArticle[], warnings: string[]): void {
  const seen = new Map<string, PastedArticle>();
  for (const article of articles.filter((candidate) => candidate.complete)) {
    const key = `${article.outlet}\u0000${article.title}\u0000${article.publishedDate}`;
    const first = seen.get(key);
    if (first)
      warnings.push(
        `Line ${article.line}: "${article.title}" is pasted twice (also line ${first.line}); it is stored once.`,
      );
    else seen.set(key, article);
  }
}
