// An article's language when ingest is not told it: the script most of its letters are written in, and for
// Latin script the language whose commonest words it uses most. State media publish in Korean, English,
// Spanish, French, Russian, Chinese, Japanese and Arabic (KCNA's own editions), so those are the ones told
// apart; anything else is left undecided for the caller's default. Pure and fast: the first SAMPLE_CHARS
// characters are enough.

const SAMPLE_CHARS = 4_000;
/** Under this many letters nothing is decided: a title alone ("Ri Son Gwon") says little. */
const MIN_LETTERS = 12;

const SCRIPTS: [script: string, pattern: RegExp][] = [
  ["hangul", /[\uac00-\ud7a3\u1100-\u11ff\u3130-\u318f]/u],
  ["kana", /[\u3040-\u30ff]/u],
  ["han", /[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]/u],
  ["cyrillic", /[\u0400-\u04ff]/u],
  ["arabic", /[\u0600-\u06ff]/u],
  ["latin", /[A-Za-z\u00c0-\u024f]/u],
];

// The commonest words of each Latin-script language, none shared with another list.
const FUNCTION_WORDS: Record<string, Set<string>> = {
  en: new Set("the and of to in is that for with was on as by at from it his are this be which".split(" ")),
  es: new Set("el los las del que en por con una para es se su al lo como más pero sus".split(" ")),
  fr: new Set("le les des du est dans une pour qui au sur par ce pas avec sont aux ont".split(" ")),
};

function countScripts(sample: string): Map<string, number> {
  const counts = new Map<string, number>();
  for (const char of sample) {
    for (const [script, pattern] of SCRIPTS) {
      if (pattern.test(char)) {
        counts.set(script, (counts.get(script) ?? 0) + 1);
        break;
      }
    }
  }
  return counts;
}

function latinLanguage(sample: string): string | null {
  const words = sample.toLowerCase().match(/[a-z\u00c0-\u024f]+/gu) ?? [];
  let best: string | null = null;
  let bestCount = 0;
  for (const [language, list] of Object.entries(FUNCTION_WORDS)) {
    const count = words.filter((word) => list.has(word)).length;
    if (count > bestCount) [best, bestCount] = [language, count];
  }
  // A few function words among many words is chance, not a language.
  return bestCount >= Math.max(2, words.length * 0.03) ? best : null;
}

/** ISO 639-1 code of the text's language, or null when the text does not say clearly. */
export function detectLanguage(text: string): string | null {
  const sample = text.slice(0, SAMPLE_CHARS);
  const counts = countScripts(sample);
  const letters = [...counts.values()].reduce((sum, n) => sum + n, 0);
  if (letters < MIN_LETTERS) return null;
  const share = (script: string) => (counts.get(script) ?? 0) / letters;
  // Korean text may quote Hanja, Japanese is Kana among Han: the marker scripts decide.
  if (share("hangul") >= 0.3) return "ko";
  if (share("kana") >= 0.1) return "ja";
  if (share("han") >= 0.3) return "zh";
  if (share("cyrillic") >= 0.5) return "ru";
  if (share("arabic") >= 0.5) return "ar";
  if (share("latin") >= 0.5) return latinLanguage(sample);
  return null;
}
