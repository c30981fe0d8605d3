// Field helpers shared by the format readers: URLs, dates, text.
import { parseFeedDate } from "./date";
import { htmlToText } from "./text";

/** Absolute http(s) URL, resolving a relative one against `base`; null when that is impossible. */
export function absoluteUrl(raw: string | null | undefined, base: string | null | undefined): string | null {
  const value = raw?.trim();
  if (!value) return null;
  try {
    const url = new URL(value, base ?? undefined);
    return url.protocol === "http:" || url.protocol === "https:" ? url.href : null;
  } catch {
    return null;
  }
}

/** The alternate link (rel absent or "alternate"), an HTML one first. */
export function pickAtomLink(
  links: Array<{ href?: string; rel?: string; type?: string }> | undefined,
  base: string | null,
): string | null {
  const alternates = (links ?? []).filter((link) => link.href && (!link.rel || link.rel === "alternate"));
  const chosen = alternates.find((link) => !link.type || /html/i.test(link.type)) ?? alternates[0];
  return absoluteUrl(chosen?.href, base);
}

export function firstDate(...candidates: Array<string | undefined>): Date | null {
  for (const candidate of candidates) {
    const date = parseFeedDate(candidate);
    if (date) return date;
  }
  return null;
}

export function firstText(...candidates: Array<string | undefined>): string | null {
  for (const candidate of candidates) {
    const text = candidate ? htmlToText(candidate) : "";
    if (text) return text;
  }
  return null;
}

const EMAIL = /^(?:mailto:)?[^\s@()]+@[^\s@()]+$/;

/**
 * The first byline present, as a name: RSS and Dublin Core often write a person as "name (email)" or
 * "email (name)", and the byline an analyst reads is the name. A bare address is kept: it is all there is.
 */
export function bylineOf(...candidates: Array<string | undefined>): string | null {
  const text = firstText(...candidates);
  const pair = text?.match(/^(.*?)\s*\(([^()]*)\)$/);
  if (!pair) return text;
  const [, outer, inner] = pair;
  if (EMAIL.test(inner.trim()) && outer) return outer;
  if (EMAIL.test(outer.trim()) && inner.trim()) return inner.trim();
  return text;
}

export function textOrNull(html: string | undefined): string | null {
  return html ? htmlToText(html) || null : null;
}

export function uniqueTexts(values: Array<string | undefined>): string[] {
  const texts = values.map((value) => (value ? htmlToText(value) : "")).filter(Boolean);
  return [...new Set(texts)];
}
