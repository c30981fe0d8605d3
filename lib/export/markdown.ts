import { briefDate, briefEvents, splitAnnotations, type BriefGroup } from "@/lib/export/brief";
import type { ExportRecord } from "@/lib/export/types";

// A brief in Markdown: a heading per theme or day, a section per story with its date, source, link and
// tags, and each annotation quoted under the passage it annotates. Text from the articles is escaped so
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

function story(record: ExportRecord): string {
  const lines = [`### ${escapeMarkdown(record.title)}`, ""];
  const meta = [`${briefDate(record.publishedAt)}`, escapeMarkdown(record.source.name)];
  if (record.url) meta.push(`[link](${linkTarget(record.url)})`);
  lines.push(meta.join(" · "));
  if (record.tags.length) lines.push("", `Tags: ${record.tags.map((tag) => escapeMarkdown(tag.name)).join(", ")}`);
  if (record.excerpt) lines.push("", escapeMarkdown(record.excerpt));
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

export async function* writeMarkdown(
  records: AsyncIterable<ExportRecord>,
  options: { title: string; group: BriefGroup },
): AsyncGenerator<string> {
  yield `# ${escapeMarkdown(options.title)}\n\n`;
  let stories = 0;
  for await (const event of briefEvents(records, options.group)) {
    if (event.kind === "group") yield `## ${escapeMarkdown(event.label)}\n\n`;
    else {
      stories++;
      yield story(event.record);
    }
  }
  if (!stories) yield "No articles match this filter.\n";
}
