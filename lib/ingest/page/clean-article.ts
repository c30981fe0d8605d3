// Line rules run on the article Readability found: what survives the page-chrome pruning but a reader
// would not call article text (a "Related:" link, a photo credit, a byline, the headline repeated, a
// heading left with nothing under it). Each rule judges one line; tables are judged whole, since a
// cell of linked names or bare numbers is data.
import { readTextBlocks, removeEmptyElements, removeTextBlock, type TextBlock } from "@/lib/ingest/page/text-blocks";

// A line that is only one of these is interface, not text.
const INTERFACE_LINE =
  /^(advertisement|advert|ad|sponsored|sponsored content|caption|close|related|read more|see more|show more|continue reading|share|share this|comments?|image \d+ of \/? ?\d+|\d+ of \d+|\d+)$/i;
// Short lines starting like a photo credit ("Photo: AP", "(Image credit: NASA)").
const CREDIT_LINE = /^\(?(photo|image|picture|credit|photograph|foto)s?( credit)?\s*:/i;
// Short notes about the article rather than of it.
const NOTE_LINE =
  /\bcontributed (to )?(this )?report|^additional reporting\b|\bfollow (us|him|her|me)\b|^(subscribe|sign up)\b/i;
// "Copyright (C) 2016 KOREA NEWS SERVICE(KNS) All Rights Reserved.", "The contents of this site are ©2019 ..."
const COPYRIGHT_LINE = /^(copyright\b|©|ⓒ|\(c\)\s)|\ball rights reserved\b|©\s?\d{4}/i;
// "Published 4:00 am CST, Wednesday, November 20, 2019", "Updated Nov 19, 6:55 AM", "Posted 2019-11-19":
// the word, then a time or a date ("Published in 1850, the book..." is a sentence).
const DATELINE = /^(published|updated|posted|first published|last updated|last modified)\b/i;
const DATE_OR_TIME =
  /\d{1,2}[:h]\d{2}|\d{1,4}[./-]\d{1,2}[./-]\d{1,4}|\b(jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?\s+\d/i;
// "By Paul Takahashi", "By Meg Kinnard and Errin Haines, Associated Press".
const BYLINE = /^(by|By|BY)\s+\p{Lu}/u;
const URL_ONLY = /^(https?:\/\/|www\.)\S+$/i;
const LETTER_OR_DIGIT = /[\p{L}\p{N}]/u;

const NOTE_MAX_CHARS = 250;
const DATELINE_MAX_CHARS = 100;
const BYLINE_MAX_WORDS = 10;
// The headline is repeated near the top of the body, if at all.
const TITLE_SEARCH_BLOCKS = 8;
const TITLE_MIN_CHARS = 15;

/** Lower-case letters and digits only, single-spaced: how two renderings of a headline are compared. */
function normalizeTitle(text: string): string {
  return text
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, " ")
    .trim();
}

function collapse(text: string | null): string {
  return (text ?? "").replace(/\s+/g, " ").trim();
}

/** Mostly links, with little text of its own: a related-story link, a "Read more" line, a tag list. */
function isLinkLine({ text, linkChars }: TextBlock): boolean {
  const share = linkChars / text.length;
  return share > 0.8 || (share > 0.5 && text.length - linkChars < 50);
}

function isByline(text: string): boolean {
  return BYLINE.test(text) && text.split(/\s+/).length <= BYLINE_MAX_WORDS && !/[.!?:]$/.test(text);
}

function isApparatus(block: TextBlock, index: number, title: string): boolean {
  const { text } = block;
  if (!LETTER_OR_DIGIT.test(text)) return true;
  if (block.inTable) return false;
  // A bare address is the author's own text (a source, a shop), not a link to elsewhere on the site.
  if (URL_ONLY.test(text)) return false;
  if (INTERFACE_LINE.test(text)) return true;
  if (text.length < NOTE_MAX_CHARS && (CREDIT_LINE.test(text) || NOTE_LINE.test(text) || COPYRIGHT_LINE.test(text)))
    return true;
  if (text.length < DATELINE_MAX_CHARS && DATELINE.test(text) && DATE_OR_TIME.test(text)) return true;
  if (isByline(text)) return true;
  if (index < TITLE_SEARCH_BLOCKS && title.length >= TITLE_MIN_CHARS) {
    const line = normalizeTitle(text);
    if (line.length >= TITLE_MIN_CHARS && (title.startsWith(line) || title.endsWith(line) || line.startsWith(title)))
      return true;
  }
  return false;
}

/** Headings followed by nothing, or straight by a heading of the same or a higher rank. */
function orphanHeadings(blocks: TextBlock[]): TextBlock[] {
  return blocks.filter((block, i) => {
    if (!block.heading) return false;
    const next = blocks[i + 1];
    return !next || (next.heading > 0 && next.heading <= block.heading);
  });
}

/** Lists whose text is mostly links: story lists, tag lists, "More from" boxes. */
function findLinkLists(content: Element): Set<Element> {
  const lists = new Set<Element>();
  for (const list of content.querySelectorAll("ul, ol")) {
    const text = collapse(list.textContent);
    let linkChars = 0;
    for (const link of list.querySelectorAll("a")) linkChars += collapse(link.textContent).length;
    if (text && linkChars / text.length > 0.5) lists.add(list);
  }
  return lists;
}

// A short line introducing what follows ("You may also like...", "Other Articles", "Read more:").
const LABEL_MAX_CHARS = 40;
const LABEL_MAX_WORDS = 5;
function isLabel(text: string): boolean {
  return (
    text.length <= LABEL_MAX_CHARS &&
    text.split(" ").length <= LABEL_MAX_WORDS &&
    (!/[.!?]$/.test(text) || /(\.\.\.|…)$/.test(text))
  );
}

/**
 * Removes the lines of `content` that are apparatus rather than article text (see the rules above),
 * the lists that are mostly links with their labels, and the elements left empty. `title` is the
 * article's headline, removed where the body repeats it.
 */
export function cleanArticleContent(content: Element, title: string): void {
  const normalizedTitle = normalizeTitle(title);
  const linkLists = findLinkLists(content);
  const inLinkList = (block: TextBlock) => {
    const list = block.nodes[0].parentElement?.closest("ul, ol");
    return list !== null && list !== undefined && linkLists.has(list);
  };
  const blocks = readTextBlocks(content);
  const links = blocks.map(
    (block) => !block.inTable && !URL_ONLY.test(block.text) && (inLinkList(block) || isLinkLine(block)),
  );
  const removed = blocks.map((block, i) => links[i] || isApparatus(block, i, normalizedTitle));
  // The label of a trailing box of links ("You may also like...", "Other Articles") goes with it.
  for (let i = blocks.length - 2; i >= 0 && removed.slice(i + 1).every(Boolean); i--)
    if (!removed[i] && links[i + 1] && !blocks[i].inTable && isLabel(blocks[i].text)) removed[i] = true;
  const kept = blocks.filter((block, i) => (removed[i] ? (removeTextBlock(block), false) : true));
  // Removing a heading can orphan the heading above it ("Sports" > "Latest" > nothing).
  for (let orphans = orphanHeadings(kept); orphans.length > 0; orphans = orphanHeadings(kept)) {
    for (const block of orphans) {
      removeTextBlock(block);
      kept.splice(kept.indexOf(block), 1);
    }
  }
  for (const list of linkLists) list.remove();
  // Icon buttons: links without text that lead nowhere (script links lose their href in pruning).
  for (const link of content.querySelectorAll("a"))
    if (!collapse(link.textContent) && !/^[^#]/.test(link.getAttribute("href")?.trim() ?? "")) link.remove();
  removeEmptyElements(content);
}
