// Text helpers for feed fields. Feeds are hostile input of up to 10 MB, so every scan here is linear:
// no regular expression may backtrack across the whole document.
import { decodeHTML } from "entities";

const BLOCK_TAG =
  /<\/?(?:p|div|br|hr|li|ul|ol|dl|dt|dd|h[1-6]|blockquote|pre|table|tr|td|th|section|article|header|footer|figure|figcaption)\b[^<>]*>/gi;
// Tags, and the declarations and processing instructions (<!DOCTYPE ...>, <?xml ...?>) a pasted page brings.
const ANY_TAG = /<(?:\/?[a-z]|![a-z]|\?[a-z])[^<>]*>/gi;

/**
 * Plain text from an HTML fragment (or from text that may hold markup and entities, as RSS titles do):
 * scripts, styles and comments dropped, tags removed, entities decoded, whitespace collapsed.
 */
export function htmlToText(html: string): string {
  const withoutTags = dropElements(html).replace(BLOCK_TAG, " ").replace(ANY_TAG, "");
  return collapseWhitespace(decodeHTML(withoutTags));
}

export function collapseWhitespace(text: string): string {
  return text.replace(/\s+/g, " ").trim();
}

export function escapeHtml(text: string): string {
  return text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
}

const SKIPPED: ReadonlyArray<readonly [string, string]> = [
  ["<!--", "-->"],
  ["<script", "</script"],
  ["<style", "</style"],
];

/**
 * Removes comments and <script>/<style> elements with their content. Each marker's next position is only
 * searched for again once the scan has passed it, which keeps the whole pass linear.
 */
function dropElements(html: string): string {
  // ASCII-only lowering keeps indexes aligned with `html` (String#toLowerCase can change the length).
  const lower = html.replace(/[A-Z]+/g, (run) => run.toLowerCase());
  const next = SKIPPED.map(([open]) => lower.indexOf(open));
  let out = "";
  let at = 0;
  for (;;) {
    let pick = -1;
    for (let k = 0; k < SKIPPED.length; k++) {
      if (next[k] !== -1 && next[k] < at) next[k] = lower.indexOf(SKIPPED[k][0], at);
      if (next[k] !== -1 && (pick === -1 || next[k] < next[pick])) pick = k;
    }
    if (pick === -1) return out + html.slice(at);
    const [open, close] = SKIPPED[pick];
    out += html.slice(at, next[pick]);
    const end = lower.indexOf(close, next[pick] + open.length);
    if (end === -1) return out;
    const closeEnd = lower.indexOf(">", end);
    at = closeEnd === -1 ? lower.length : closeEnd + 1;
  }
}
