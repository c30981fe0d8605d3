import { createHash } from "node:crypto";

// An article's photos as the versions record them: one sha256 per <img> of the stored (sanitized) HTML, of
// its address and its width and height attributes, in page order. The image bytes are not fetched: that would
// double the requests a re-check makes to the outlet. A photo replaced at a new address, or resized, is a
// change; a photo doctored and re-uploaded under the same address and size is not seen (documented in the
// README's "Versions").

const IMG = /<img\b[^>]*>/gi;

function attribute(tag: string, name: string): string {
  const match = new RegExp(`\\s${name}\\s*=\\s*(?:"([^"]*)"|'([^']*)'|([^\\s>]+))`, "i").exec(tag);
  return (match?.[1] ?? match?.[2] ?? match?.[3] ?? "").trim();
}

/** The image hashes of `html`, or null when there is no HTML to read (a text-only item). */
export function imageHashes(html: string | null | undefined): string[] | null {
  if (!html) return null;
  return [...html.matchAll(IMG)].flatMap(([tag]) => {
    const src = attribute(tag, "src");
    if (!src) return [];
    const size = `${attribute(tag, "width")}x${attribute(tag, "height")}`;
    return [createHash("sha256").update(`${src} ${size}`).digest("hex")];
  });
}

/** Whether two image lists differ in a way worth a version: both recorded, at least one photo, not the same. */
export function imagesChanged(before: string[] | null, after: string[] | null): boolean {
  if (!before || !after || (before.length === 0 && after.length === 0)) return false;
  return before.length !== after.length || before.some((hash, i) => hash !== after[i]);
}
