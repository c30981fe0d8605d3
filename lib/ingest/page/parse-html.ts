import { JSDOM, VirtualConsole } from "jsdom";

// Comments, scripts, titles and textareas are matched whole so that a "<style" inside them is left alone;
// only real <style> elements are cut.
const STYLE_OR_RAW_TEXT =
  /<!--[\s\S]*?-->|<(script|title|textarea)\b[^>]*>[\s\S]*?<\/\1\s*>|<style\b[^>]*>[\s\S]*?<\/style\s*>/gi;

/**
 * The page without its <style> elements. They never hold article text, parsing them is half of jsdom's
 * time on a typical news page, and jsdom 29 throws on some invalid values left by CSS preprocessors
 * (`min-height: calc(($a - $b) / 16 * 9)`), which took the whole extraction down with it.
 */
export function stripStyleElements(html: string): string {
  return html.replace(STYLE_OR_RAW_TEXT, (match) => (/^<style/i.test(match) ? "" : match));
}

/**
 * Parses a page with jsdom the way extraction needs it: no script runs, no resource loads, a silent
 * console (pages are full of CSS jsdom cannot parse), and `url` as the document's address so relative
 * links resolve against it. The caller closes the window.
 */
export function parseHtmlPage(html: string, url: string): JSDOM {
  return new JSDOM(stripStyleElements(html), { url, contentType: "text/html", virtualConsole: new VirtualConsole() });
}
