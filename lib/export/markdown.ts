import {
  briefDate,
  buildBrief,
  describeSpan,
  splitAnnotations,
  themeLabels,
  type BriefGroup,
  type BriefSummary,
  type Count,
} from "@/lib/export/brief";
import type { ExportRecord } from "@/lib/export/types";

// A brief in Markdown: a summary, then a heading per theme or day and a section per story with its date,
// source, link, themes and tags, and each annotation quoted under the passage it annotates. Text from the articles is escaped so
// a title's "*" or "[" never turns into formatting or a link.

const SPECIAL = /[\\`*_{}[\]<>()#+!|~]/g;

export function escapeMarkdown(text: string): string {
  return text.replace(SPECIAL, (char) => `\\${char}`).replace(/\s*\n\s*/g, " ");
}

function quote(text: string): string {
  return text
    .split(/\r?\n/)
    .map((line) => `> ${escapeMarkdown(line)}`.trimEnd())
    .join("\n");
}

/** `<...>` keeps a link's parentheses and spaces from ending it; `>` cannot appear inside. */
function linkTarget(url: string): string {
  return `<${url.replace(/[<>\s]/g, encodeURIComponent)}>`;
}

function story(record: ExportRecord, deskLink?: (record: ExportRecord) => string): string {
  const lines = [`### ${escapeMarkdown(record.title)}`, ""];
  const meta = [`${briefDate(record.publishedAt)}`, escapeMarkdown(record.source.name)];
  if (record.url) meta.push(`[link](${linkTarget(record.url)})`);
  lines.push(meta.join(" · "));
  if (record.themes.length) lines.push("", `Themes: ${themeLabels(record).map(escapeMarkdown).join(", ")}`);
  if (record.tags.length) lines.push("", `Tags: ${record.tags.map((tag) => escapeMarkdown(tag.name)).join(", ")}`);
  if (record.excerpt) lines.push("", escapeMarkdown(record.excerpt));
  if (deskLink) lines.push("", `[Open in Presswatch](${linkTarget(deskLink(record))})`);
  const { general, passages } = splitAnnotations(record.annotations);
  for (const note of general)
    lines.push("", `**Note (${escapeMarkdown(note.author.name)}):** ${escapeMarkdown(note.note)}`);
  for (const note of passages) {
    lines.push(
      "",
      quote(note.exact ?? ""),
      "",
      `**${escapeMarkdown(note.author.name)}:** ${escapeMarkdown(note.note)}`,
    );
  }
  return `${lines.join("\n")}\n\n`;
}

function counts(label: string, list: Count[]): string {
  return `**${label}:** ${list.map((item) => `${escapeMarkdown(item.name)} ${item.count}`).join(" · ")}`;
}

function summary(brief: BriefSummary): string {
  if (!brief.span) return "";
  const lines = [
    `${brief.articles.toLocaleString("en-US")} ${brief.articles === 1 ? "article" : "articles"}, ${describeSpan(brief.span)}.`,
    "",
    counts("By theme", brief.themes),
    "",
    counts("By source", brief.sources),
  ];
  return `${lines.join("\n")}\n\n`;
}

export async function* writeMarkdown(
  records: AsyncIterable<ExportRecord>,
  options: { title: string; group: BriefGroup; deskLink?: (record: ExportRecord) => string; footer?: string },
): AsyncGenerator<string> {
  const brief = await buildBrief(records, options.group);
  yield `# ${escapeMarkdown(options.title)}\n\n`;
  yield summary(brief.summary);
  for (const group of brief.groups) {
    yield `## ${escapeMarkdown(group.label)}\n\n`;
    for (const record of group.records) yield story(record, options.deskLink);
  }
  if (!brief.summary.articles) yield "No articles match this filter.\n";
  if (options.footer) yield options.footer;
}
