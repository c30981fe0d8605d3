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

// A brief as one complete HTML document that reads well on screen and prints well (inline CSS, no
// scripts, nothing fetched). Every value from the database goes through escapeHtml; links only keep
// http(s) URLs, so a stored "javascript:" URL never becomes a live link.

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (char) => `&#${char.charCodeAt(0)};`);
}

function safeHref(url: string): string | null {
  return /^https?:\/\//i.test(url) ? escapeHtml(url) : null;
}

const STYLE = `
body{font:15px/1.5 Georgia,"Noto Serif","Noto Serif CJK KR","Noto Serif KR","Apple SD Gothic Neo","Malgun Gothic","Noto Sans CJK KR",serif;color:#111;max-width:48rem;margin:2rem auto;padding:0 1rem}
h1{font-size:1.6rem;margin:0 0 .25rem}h2{font-size:1.2rem;border-bottom:1px solid #999;margin:2rem 0 .75rem;padding-bottom:.2rem}
h3{font-size:1.05rem;margin:1.25rem 0 .2rem}.meta{color:#444;font-size:.85rem;margin:0}.tags{font-size:.85rem;margin:.2rem 0}
.excerpt{margin:.4rem 0}blockquote{border-left:3px solid #888;margin:.6rem 0 .2rem;padding:.1rem .75rem;color:#333;font-style:italic}
.note{margin:.1rem 0 .6rem .9rem;font-size:.9rem}.note b{font-weight:600}a{color:#1d4ed8}
.summary{border:1px solid #ccc;border-radius:4px;padding:.6rem .9rem;margin:1rem 0;font-size:.9rem}.summary p{margin:.2rem 0}
.labels{font-size:.8rem;margin:.2rem 0}.label{display:inline-block;border:1px solid #999;border-radius:3px;padding:0 .35rem;margin-right:.25rem}
article{break-inside:avoid}h2{break-after:avoid}
@page{margin:18mm 16mm}
@media print{body{margin:0;max-width:none;font-size:11pt}a{color:inherit;text-decoration:none}a[href]::after{content:" (" attr(href) ")";font-size:.8em;word-break:break-all}}
`;

/** Where an article opens in Presswatch, for a brief sent out (a watch's email) that links back to the desk. */
export type DeskLink = (record: ExportRecord) => string;

function story(record: ExportRecord, deskLink?: DeskLink): string {
  const href = record.url ? safeHref(record.url) : null;
  const title = href ? `<a href="${href}">${escapeHtml(record.title)}</a>` : escapeHtml(record.title);
  const parts = [
    `<article>`,
    `<h3>${title}</h3>`,
    `<p class="meta"><time datetime="${record.publishedAt.toISOString()}">${briefDate(record.publishedAt)}</time> · ${escapeHtml(record.source.name)}</p>`,
  ];
  if (record.themes.length)
    parts.push(
      `<p class="labels">${themeLabels(record)
        .map((name) => `<span class="label">${escapeHtml(name)}</span>`)
        .join("")}</p>`,
    );
  if (record.tags.length)
    parts.push(`<p class="tags">Tags: ${record.tags.map((tag) => escapeHtml(tag.name)).join(", ")}</p>`);
  if (record.excerpt) parts.push(`<p class="excerpt">${escapeHtml(record.excerpt)}</p>`);
  const desk = deskLink ? safeHref(deskLink(record)) : null;
  if (desk) parts.push(`<p class="meta"><a href="${desk}">Open in Presswatch</a></p>`);
  const { general, passages } = splitAnnotations(record.annotations);
  for (const note of general)
    parts.push(`<p class="note"><b>Note (${escapeHtml(note.author.name)}):</b> ${escapeHtml(note.note)}</p>`);
  for (const note of passages) {
    parts.push(`<blockquote>${escapeHtml(note.exact ?? "")}</blockquote>`);
    parts.push(`<p class="note"><b>${escapeHtml(note.author.name)}:</b> ${escapeHtml(note.note)}</p>`);
  }
  parts.push(`</article>`);
  return `${parts.join("\n")}\n`;
}

function counts(label: string, list: Count[]): string {
  return `<p><b>${label}:</b> ${list.map((item) => `${escapeHtml(item.name)} ${item.count}`).join(" · ")}</p>`;
}

function summary(brief: BriefSummary): string {
  if (!brief.span) return "";
  const total = `${brief.articles.toLocaleString("en-US")} ${brief.articles === 1 ? "article" : "articles"}`;
  return `<section class="summary" aria-label="Summary">\n<p><b>${total}</b>, ${describeSpan(brief.span)}</p>\n${counts("By theme", brief.themes)}\n${counts("By source", brief.sources)}\n</section>\n`;
}

export async function* writeHtml(
  records: AsyncIterable<ExportRecord>,
  options: { title: string; group: BriefGroup; generatedAt?: Date; deskLink?: DeskLink; footer?: string },
): AsyncGenerator<string> {
  const brief = await buildBrief(records, options.group);
  const title = escapeHtml(options.title);
  const generated = (options.generatedAt ?? new Date()).toISOString().slice(0, 16).replace("T", " ");
  yield `<!doctype html>\n<html lang="en">\n<head>\n<meta charset="utf-8">\n<title>${title}</title>\n<style>${STYLE}</style>\n</head>\n<body>\n<h1>${title}</h1>\n<p class="meta">Generated ${generated} UTC by Presswatch</p>\n`;
  yield summary(brief.summary);
  for (const group of brief.groups) {
    yield `<section>\n<h2>${escapeHtml(group.label)}</h2>\n`;
    for (const record of group.records) yield story(record, options.deskLink);
    yield "</section>\n";
  }
  if (!brief.summary.articles) yield "<p>No articles match this filter.</p>\n";
  if (options.footer) yield options.footer;
  yield "</body>\n</html>\n";
}
