// An element tree read as the lines a reader sees (the same lines readPlainText prints), each line
// knowing the text nodes it is made of, so a rule can judge a line and remove exactly it from the tree.
import { BLOCK_TAGS, CELL_TAGS, SKIPPED_TAGS } from "@/lib/ingest/page/plain-text";

export type TextBlock = {
  /** The line's text, whitespace collapsed. */
  text: string;
  /** Characters of `text` inside links. */
  linkChars: number;
  /** 1-6 when the line is (in) a heading, else 0. */
  heading: number;
  /** Inside a table: cells are data, judged with the table, not one by one. */
  inTable: boolean;
  nodes: Text[];
};

const ELEMENT_NODE = 1;
const TEXT_NODE = 3;
const CDATA_SECTION_NODE = 4;

type Context = { inLink: boolean; heading: number; inTable: boolean };

/** The lines of `root` in document order; lines with no text at all are left out. */
export function readTextBlocks(root: Element): TextBlock[] {
  const blocks: TextBlock[] = [];
  let raw = "";
  let current: TextBlock = { text: "", linkChars: 0, heading: 0, inTable: false, nodes: [] };
  const breakLine = () => {
    current.text = raw.replace(/\s+/g, " ").trim();
    if (current.nodes.length > 0 && current.text) blocks.push(current);
    raw = "";
    current = { text: "", linkChars: 0, heading: 0, inTable: false, nodes: [] };
  };

  // Iterative walk (hostile nesting cannot overflow the stack); a `leave` entry ends a block element.
  const stack: Array<{ node: Node; context: Context; leave?: boolean }> = [
    { node: root, context: { inLink: false, heading: 0, inTable: false } },
  ];
  while (stack.length > 0) {
    const { node, context, leave } = stack.pop()!;
    if (leave) {
      breakLine();
      continue;
    }
    if (node.nodeType === TEXT_NODE || node.nodeType === CDATA_SECTION_NODE) {
      const value = node.nodeValue ?? "";
      raw += value;
      current.nodes.push(node as Text);
      if (context.inLink) current.linkChars += value.replace(/\s+/g, " ").trim().length;
      if (context.heading) current.heading = context.heading;
      if (context.inTable) current.inTable = true;
      continue;
    }
    if (node.nodeType !== ELEMENT_NODE) continue;
    const tag = (node as Element).tagName.toUpperCase();
    if (SKIPPED_TAGS.has(tag)) continue;
    if (tag === "BR") {
      breakLine();
      continue;
    }
    const block = BLOCK_TAGS.has(tag) || CELL_TAGS.has(tag);
    if (block) {
      breakLine();
      stack.push({ node, context, leave: true });
    }
    const level = /^H[1-6]$/.test(tag) ? Number(tag[1]) : context.heading;
    const childContext = {
      inLink: context.inLink || tag === "A",
      heading: level,
      inTable: context.inTable || tag === "TABLE",
    };
    const children = node.childNodes;
    for (let i = children.length - 1; i >= 0; i--) stack.push({ node: children[i], context: childContext });
  }
  breakLine();
  return blocks;
}

/** Takes the block's text out of the tree; the elements left empty go with removeEmptyElements. */
export function removeTextBlock(block: TextBlock): void {
  for (const node of block.nodes) node.remove();
}

const KEPT_EMPTY = new Set(["IMG", "BR", "HR", "TD", "TH"]);

/** Removes the elements of `root` left with no text and no image, in one pass from the leaves up. */
export function removeEmptyElements(root: Element): void {
  const filled = new Set<Node>();
  // Reverse document order visits every element after all of its descendants.
  for (const element of [...root.querySelectorAll("*")].reverse()) {
    const keep =
      KEPT_EMPTY.has(element.tagName.toUpperCase()) ||
      [...element.childNodes].some((child) =>
        child.nodeType === TEXT_NODE || child.nodeType === CDATA_SECTION_NODE
          ? Boolean(child.nodeValue?.trim())
          : filled.has(child),
      );
    if (keep) filled.add(element);
    else element.remove();
  }
}
