// Page chrome removed before the article is looked for: menus, headers and footers, share and follow
// widgets, related-story rails, captions and credits, bylines and datelines, newsletter boxes, hidden
// parts. Readability keeps much of this (it scores containers, and a caption or a "Related" list sits
// inside the article container); removed up front, it also stops pulling Readability towards the wrong
// container. The idea of matching class and id names against a list of boilerplate words comes from
// trafilatura (github.com/adbar/trafilatura, Apache-2.0, its OVERALL_DISCARD_XPATH); the words, their
// matching and the guard below are ours.

// Whole words of a class or id ("share-tools", "relatedStories", "c-social"): matched after camelCase
// is split and between non-letters, so "shared-content", "thread" or "adventure" do not match.
const BOILERPLATE_WORDS = [
  "ad",
  "ads",
  "advert",
  "advertisement",
  "author",
  "authors",
  "breadcrumb",
  "breadcrumbs",
  "byline",
  "bylines",
  "caption",
  "captions",
  "carousel",
  "comment",
  "comments",
  "consent",
  "cookie",
  "credit",
  "credits",
  "date",
  "dateline",
  "disqus",
  "footer",
  "gallery",
  "gdpr",
  "icon",
  "icons",
  "image",
  "img",
  "lightbox",
  "masthead",
  "menu",
  "meta",
  "modal",
  "nav",
  "navbar",
  "navigation",
  "newsletter",
  "newsletters",
  "outbrain",
  "pager",
  "pagination",
  "photo",
  "photos",
  "popular",
  "popup",
  "print",
  "promo",
  "promos",
  "published",
  "rail",
  "recirc",
  "recommended",
  "related",
  "share",
  "sharebar",
  "sharing",
  "sidebar",
  "signup",
  "slider",
  "slideshow",
  "social",
  "socials",
  "sponsor",
  "sponsored",
  "subscribe",
  "subscription",
  "swiper",
  "taboola",
  "tags",
  "time",
  "timestamp",
  "toolbar",
  "trending",
  "updated",
  "video",
  "widget",
];
const BOILERPLATE_NAME = new RegExp(`(?:^|[^a-z])(?:${BOILERPLATE_WORDS.join("|")})(?:[^a-z]|$)`);
// Hover cards inside running text ("Rep. <span class=rollover><a>Ilhan Omar</a><span class=rollover-block>
// her latest stories...</span></span>"): only their link-only parts go, the name in the sentence stays.
const POPUP_NAME = /(?:^|[^a-z])(?:hovercard|popover|rollover|tooltip)(?:[^a-z]|$)/;
// Never text: dropped wherever they are.
const DROPPED_TAGS = new Set([
  "AUDIO",
  "BUTTON",
  "CANVAS",
  "DIALOG",
  "EMBED",
  "IFRAME",
  "INPUT",
  "NOSCRIPT",
  "OBJECT",
  "SCRIPT",
  "SELECT",
  "SVG",
  "TEMPLATE",
  "TEXTAREA",
  "VIDEO",
]);
// Page furniture by its tag or ARIA role; like class names, subject to the guard (ASP.NET pages wrap
// the whole page in a <form>, some CMSs put the article in an <aside>).
const CHROME_TAGS = new Set(["ASIDE", "FIGCAPTION", "FOOTER", "FORM", "HEADER", "MENU", "NAV"]);
const CHROME_ROLES = new Set([
  "alertdialog",
  "banner",
  "complementary",
  "contentinfo",
  "dialog",
  "menu",
  "menubar",
  "navigation",
  "search",
  "toolbar",
]);

// An inline element between words of a sentence is part of it, whatever its class ("for <a class="icon">the
// third quarter</a>"); alone in its line (a byline, a caption span) it is judged by its name.
const INLINE_TAGS = new Set([
  "A",
  "ABBR",
  "B",
  "CITE",
  "EM",
  "FONT",
  "I",
  "MARK",
  "Q",
  "SMALL",
  "SPAN",
  "STRONG",
  "TIME",
  "U",
]);

function inRunningText(element: Element): boolean {
  for (const sibling of element.parentNode?.childNodes ?? [])
    if (sibling.nodeType === 3 /* Node.TEXT_NODE */ && /[\p{L}\p{N}]/u.test(sibling.nodeValue ?? "")) return true;
  return false;
}

// Text nodes this long are prose; an element holding half the page's prose is the article or wraps it,
// whatever its name says ("content-with-sidebar-wrp", "widget Blog", "author-carlos-nadalim").
const PROSE_NODE_CHARS = 40;
const GUARD_SHARE = 0.5;

/** Class and id of an element as one lower-case string with camelCase split ("relatedStories" -> "related-stories"). */
function namesOf(element: Element): string {
  return `${element.getAttribute("class") ?? ""} ${element.getAttribute("id") ?? ""}`
    .replace(/([a-z])([A-Z])/g, "$1-$2")
    .toLowerCase();
}

function isHidden(element: Element): boolean {
  if (element.hasAttribute("hidden") || element.getAttribute("aria-hidden") === "true") return true;
  const style = element.getAttribute("style");
  return style !== null && /display\s*:\s*none|visibility\s*:\s*hidden/i.test(style);
}

function visibleLength(node: Node): number {
  return (node.textContent ?? "").replace(/\s+/g, " ").trim().length;
}

function linkLength(element: Element): number {
  let length = 0;
  for (const link of element.querySelectorAll("a")) length += visibleLength(link);
  return length;
}

/** Characters of prose (long text nodes outside links and scripts) under each element of `root`. */
function measureProse(root: Element): Map<Element, number> {
  const prose = new Map<Element, number>();
  const walker = root.ownerDocument.createTreeWalker(root, 4 /* NodeFilter.SHOW_TEXT */);
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    const length = visibleLength(node);
    const parent = node.parentElement;
    if (length < PROSE_NODE_CHARS || !parent || parent.closest("a, script, noscript, style, template")) continue;
    for (let element: Element | null = parent; element; element = element.parentElement)
      prose.set(element, (prose.get(element) ?? 0) + length);
  }
  return prose;
}

/**
 * Removes page chrome from `document`'s body in place: scripts, frames, forms' controls and media
 * always; navigation, headers, footers, figures, hidden elements and elements whose class or id is a
 * boilerplate word unless they hold half of the page's prose. Iterative, so no nesting depth can
 * overflow the stack.
 */
export function pruneBoilerplate(document: Document): void {
  const body = document.body;
  if (!body) return;
  const prose = measureProse(body);
  const pageProse = prose.get(body) ?? 0;
  const guarded = (element: Element) => pageProse > 0 && (prose.get(element) ?? 0) >= GUARD_SHARE * pageProse;

  const popups: Element[] = [];
  const stack: Element[] = [...body.children];
  while (stack.length > 0) {
    const element = stack.pop()!;
    const tag = element.tagName.toUpperCase();
    if (DROPPED_TAGS.has(tag)) {
      element.remove();
      continue;
    }
    const names = namesOf(element);
    const chrome =
      CHROME_TAGS.has(tag) ||
      CHROME_ROLES.has(element.getAttribute("role") ?? "") ||
      isHidden(element) ||
      (BOILERPLATE_NAME.test(names) && !(INLINE_TAGS.has(tag) && inRunningText(element)));
    if (chrome && !guarded(element)) {
      element.remove();
      continue;
    }
    if (POPUP_NAME.test(names)) popups.push(element);
    // Readability turns `javascript:` links into plain text; without the href they stay links (menus,
    // "other articles" lists opening pop-ups), so the link rules still see them.
    if (tag === "A" && /^\s*javascript:/i.test(element.getAttribute("href") ?? "")) element.removeAttribute("href");
    stack.push(...element.children);
  }
  // Innermost first: the card goes, then its wrapper holds one link (the name) and stays.
  for (const element of popups.reverse()) {
    const links = element.querySelectorAll("a").length;
    if (links >= 2 && linkLength(element) > 0.8 * visibleLength(element)) element.remove();
  }
}
