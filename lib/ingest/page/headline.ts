// The headline of a page whose <title> names only the site: pages opened as pop-ups or framed by old
// CMSs ("Rodong Sinmun", "KCNA") print the headline as the article's first, emphasized line.
import { readTextBlocks, removeEmptyElements, removeTextBlock } from "@/lib/ingest/page/text-blocks";

const GENERIC_TITLE_MAX_WORDS = 3;
const HEADLINE_MAX_CHARS = 200;
const EMPHASIS = "h1, h2, h3, h4, h5, h6, b, strong, font, [class*='title' i], [class*='headline' i]";

function collapse(text: string | null): string {
  return (text ?? "").replace(/\s+/g, " ").trim();
}

function normalize(text: string): string {
  return text
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, " ")
    .trim();
}

/**
 * When `title` is empty or a bare site name (three words at most) and `content` opens with an
 * emphasized short line that reads like a headline (no closing punctuation), removes that line from
 * `content` and returns it: it is the article's real title. Otherwise returns null and changes nothing.
 */
export function takeHeadline(content: Element, title: string): string | null {
  if (title.trim().split(/\s+/).filter(Boolean).length > GENERIC_TITLE_MAX_WORDS) return null;
  const [first] = readTextBlocks(content);
  if (!first || first.text.length > HEADLINE_MAX_CHARS || /[.!?:,;]$/.test(first.text)) return null;
  // Each piece of the line sits in an emphasis holding this line only (not a "title" class on a wrapper).
  const holders = first.nodes
    .filter((node) => node.nodeValue?.trim())
    .map((node) => node.parentElement?.closest(EMPHASIS) ?? null);
  const emphasized = holders.every(
    (holder) => holder !== null && content.contains(holder) && collapse(holder.textContent) === first.text,
  );
  if (!emphasized || normalize(first.text) === normalize(title)) return null;
  removeTextBlock(first);
  removeEmptyElements(content);
  return first.text;
}
