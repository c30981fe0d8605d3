import { splitDateline, splitSentences } from "@/lib/ingest/fingerprint";

// Edits made from real corpus articles, the way outlets revise their own stories: a sentence replaced, a
// paragraph added or dropped, the title reworded, a word or number changed, a typo fixed, the whole text
// re-translated. Deterministic: the same seed gives the same edits on every machine.

export type CorpusArticle = { title: string; published: string; source: string; url: string; body: string };

export const EDIT_KINDS = [
  "sentence_replaced",
  "paragraph_added",
  "paragraph_removed",
  "title_changed",
  "word_changed",
  "typo_fixed",
  "reworded",
] as const;
export const SEED = 20261203;

/** mulberry32: a small seeded generator, so the generated set is the same on every machine. */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

type Random = () => number;
export const pick = <T>(random: Random, list: readonly T[]): T => list[Math.floor(random() * list.length)];

/** The body as paragraphs of sentences; the dateline stays glued to the first sentence it opens. */
function sentencesOf(body: string): string[][] {
  return body
    .split("\n")
    .map((paragraph) => paragraph.trim())
    .filter(Boolean)
    .map((paragraph) => splitSentences(paragraph.replace(/\s+/g, " ")));
}

const joinBody = (paragraphs: string[][]) =>
  paragraphs
    .filter((paragraph) => paragraph.length > 0)
    .map((paragraph) => paragraph.join(" "))
    .join("\n");

/** A sentence of another story, of about the length of the one it replaces. */
function donorSentence(random: Random, donors: CorpusArticle[], words: number): string {
  let fallback = "";
  for (let attempt = 0; attempt < 20; attempt++) {
    const sentence = pick(random, sentencesOf(splitDateline(pick(random, donors).body).paragraphs.join("\n")).flat());
    const length = sentence.split(" ").length;
    fallback ||= sentence;
    if (length >= words / 2 && length <= words * 2) return sentence;
  }
  return fallback;
}

/** One generated edit of the article, or null where the kind does not apply (no paragraph to remove). */
export function makeEdit(
  kind: (typeof EDIT_KINDS)[number],
  article: CorpusArticle,
  random: Random,
  donors: CorpusArticle[],
): { stored: CorpusArticle; incoming: CorpusArticle } | null {
  const paragraphs = sentencesOf(article.body);
  const { dateline } = splitDateline(article.body);
  const edited = (body: string, title = article.title) => ({ stored: article, incoming: { ...article, title, body } });
  switch (kind) {
    case "sentence_replaced": {
      const spots = paragraphs.flatMap((sentences, p) => sentences.map((sentence, s) => ({ p, s, sentence })));
      const eligible = spots.filter(({ sentence }) => sentence.trim() !== dateline);
      if (eligible.length < 2) return null;
      const { p, s, sentence } = pick(random, eligible);
      const prefix = dateline && sentence.startsWith(dateline) ? `${dateline} ` : "";
      const replacement = donorSentence(random, donors, sentence.slice(prefix.length).split(" ").length);
      const copy = paragraphs.map((sentences) => [...sentences]);
      copy[p][s] = prefix + replacement;
      return edited(joinBody(copy));
    }
    case "paragraph_added": {
      const donor = splitDateline(pick(random, donors).body).paragraphs;
      const at = 1 + Math.floor(random() * paragraphs.length);
      const copy = [...paragraphs];
      copy.splice(at, 0, [pick(random, donor)]);
      return edited(joinBody(copy));
    }
    case "paragraph_removed": {
      if (paragraphs.length < 3) return null;
      const at = 1 + Math.floor(random() * (paragraphs.length - 1));
      return edited(joinBody(paragraphs.filter((_, index) => index !== at)));
    }
    case "title_changed": {
      const words = article.title.split(" ");
      const donorWords = pick(random, donors).title.split(" ");
      const at = Math.floor(random() * words.length);
      const operation = Math.floor(random() * 3);
      if (operation === 0) words[at] = pick(random, donorWords);
      else if (operation === 1 && words.length > 3) words.splice(at, 1);
      else words.splice(at, 0, pick(random, donorWords));
      const title = words.join(" ");
      return title.toLowerCase() === article.title.toLowerCase() ? null : edited(article.body, title);
    }
    case "word_changed": {
      const body = article.body;
      const spots = [...body.matchAll(/\b(\d+|\p{L}{3,})\b/gu)].filter(
        (match) => !dateline || match.index >= body.indexOf(dateline) + dateline.length,
      );
      if (spots.length === 0) return null;
      const spot = pick(random, spots);
      const word = spot[0];
      const replacement = /^\d+$/.test(word)
        ? String(Number(word) + 1 + Math.floor(random() * 9))
        : pick(
            random,
            pick(random, donors)
              .body.split(/[^\p{L}]+/u)
              .filter((other) => other.length >= 3 && other !== word),
          );
      if (!replacement) return null;
      return edited(body.slice(0, spot.index) + replacement + body.slice(spot.index + word.length));
    }
    case "typo_fixed": {
      const spots = [...article.body.matchAll(/\p{L}{5,}/gu)];
      if (spots.length === 0) return null;
      const spot = pick(random, spots);
      const at = spot.index + 1 + Math.floor(random() * (spot[0].length - 2));
      const body = article.body;
      const typo = body.slice(0, at) + body[at + 1] + body[at] + body.slice(at + 2);
      return typo === body ? null : { stored: { ...article, body: typo }, incoming: article };
    }
    case "reworded": {
      // A revised translation, as 16 of the 20 real KCNA edits are: glosses like "(DPRK)" dropped and a share
      // of the common words changed throughout, from 5% to 40% (the real ones keep 67% to 97% of their words),
      // and in three of four the title reworded too (15 of the 20): one word of a short title, one or two of a
      // long one. Names and numbers stay, as translators
      // keep them: a title word the body writes the same way (a name, in a Title Case title) is kept.
      const vocabulary = donors.flatMap((donor) => donor.body.match(/\b\p{Ll}{3,}\b/gu) ?? []);
      const rate = 0.05 + random() * 0.35;
      const copy = paragraphs.map((sentences) =>
        sentences.map((sentence) =>
          sentence
            .replace(/\s*\((?:DPRK|WPK|KPA|SPA)\)/g, "")
            .replace(/\b\p{Ll}{3,}\b/gu, (word) => (random() < rate ? pick(random, vocabulary) : word)),
        ),
      );
      const body = joinBody(copy);
      const donorTitle = pick(random, donors).title.split(" ");
      const titleWords = article.title.split(" ");
      const common = titleWords.flatMap((word, index) => (body.includes(word) || index === 0 ? [] : [index]));
      if (random() < 0.75 && common.length > 0) {
        const changes = titleWords.length < 6 ? 1 : 1 + Math.floor(random() * 2);
        for (let change = 0; change < changes; change++) titleWords[pick(random, common)] = pick(random, donorTitle);
      }
      return body === article.body ? null : edited(body, titleWords.join(" "));
    }
  }
}
