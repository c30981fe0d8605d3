// DOM -> plain text the way a reader sees it: one line per block (paragraph, heading, list item, table
// row...), whitespace inside a block collapsed to single spaces. textContent would glue "end.</p><p>Start"
// into "end.Start" and keep the source's indentation.

/** Elements that start and end a line of text (upper-case tag names). */
export const BLOCK_TAGS = new Set([
  "ADDRESS",
  "ARTICLE",
  "ASIDE",
  "BLOCKQUOTE",
  "BODY",
  "CAPTION",
  "DD",
  "DETAILS",
  "DIALOG",
  "DIV",
  "DL",
  "DT",
  "FIELDSET",
  "FIGCAPTION",
  "FIGURE",
  "FOOTER",
  "FORM",
  "H1",
  "H2",
  "H3",
  "H4",
  "H5",
  "H6",
  "HEADER",
  "HGROUP",
  "HR",
  "LI",
  "MAIN",
  "NAV",
  "OL",
  "P",
  "PRE",
  "SECTION",
  "SUMMARY",
  "TABLE",
  "TBODY",
  "TFOOT",
  "THEAD",
  "TR",
  "UL",
]);
export const CELL_TAGS = new Set(["TD", "TH"]);
/** Elements whose content is never text a reader sees. */
export const SKIPPED_TAGS = new Set([
  "SCRIPT",
  "STYLE",
  "NOSCRIPT",
  "TEMPLATE",
  "HEAD",
  "IFRAME",
  "OBJECT",
  "SVG",
  "MATH",
]);

const ELEMENT_NODE = 1;
const TEXT_NODE = 3;
const CDATA_SECTION_NODE = 4;

/** Paragraphs of `root` separated by "\n"; no empty lines, no leading or trailing spaces on a line. */
export function readPlainText(root: Node): string {
  const lines: string[] = [];
  let line = "";
  const breakLine = () => {
    const collapsed = line.replace(/\s+/g, " ").trim();
    if (collapsed) lines.push(collapsed);
    line = "";
  };

  // Iterative walk, so no nesting depth of hostile markup can overflow the stack. An entry with `leave`
  // marks the end of a block element, where the line breaks.
  const stack: Array<{ node: Node; inPre: boolean; leave?: boolean }> = [{ node: root, inPre: false }];
  while (stack.length > 0) {
    const { node, inPre, leave } = stack.pop()!;
    if (leave) {
      breakLine();
      continue;
    }
    if (node.nodeType === TEXT_NODE || node.nodeType === CDATA_SECTION_NODE) {
      const text = node.nodeValue ?? "";
      if (!inPre) {
        line += text;
        continue;
      }
      const [first, ...rest] = text.split("\n");
      line += first;
      for (const part of rest) {
        breakLine();
        line += part;
      }
      continue;
    }
    if (node.nodeType !== ELEMENT_NODE && node !== root) continue;
    const tag = node.nodeType === ELEMENT_NODE ? (node as Element).tagName.toUpperCase() : "";
    if (SKIPPED_TAGS.has(tag)) continue;
    if (tag === "BR") {
      breakLine();
      continue;
    }
    const block = BLOCK_TAGS.has(tag);
    if (block) {
      breakLine();
      stack.push({ node, inPre, leave: true });
    } else if (CELL_TAGS.has(tag)) {
      line += " ";
    }
    const childInPre = inPre || tag === "PRE";
    const children = node.childNodes;
    for (let i = children.length - 1; i >= 0; i--) stack.push({ node: children[i], inPre: childInPre });
  }
  breakLine();
  return lines.join("\n");
}
