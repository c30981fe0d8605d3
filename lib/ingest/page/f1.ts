// Token-level F1 between an expected and an extracted text, the measure article-extraction benchmarks use
// (Zyte's article-extraction-benchmark, Readability's own comparisons): bag-of-words overlap, so
// paragraph order and whitespace do not matter but missing or extra sentences do.

export type TokenScore = { precision: number; recall: number; f1: number };

// Han, Kana and Hangul text is written without spaces between words (Korean with spaces between phrases
// only), so each of those characters is one token; any other run of letters, marks and digits is a word.
const CJK = String.raw`\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}`;
const TOKEN = new RegExp(String.raw`[${CJK}]|(?:(?![${CJK}])[\p{L}\p{M}\p{N}])+`, "gu");

/** Lowercased word tokens of `text` (CJK characters one by one). */
export function tokenize(text: string): string[] {
  return text.toLowerCase().match(TOKEN) ?? [];
}

// Python's `\w+` on str: letters, digits and "_" (no combining marks), CJK runs kept whole.
const PYTHON_WORD = /[\p{L}\p{N}_]+/gu;

/**
 * Lowercased `\w+` tokens as Python's `re` finds them: the tokenization the public article-extraction
 * benchmark defines its scores with (/work/shared/corpus/pages/zyte/SOURCE.md), so our figures compare
 * with the published ones.
 */
export function tokenizeWords(text: string): string[] {
  return text.toLowerCase().match(PYTHON_WORD) ?? [];
}

/**
 * Precision, recall and F1 of `actual`'s tokens against `expected`'s, counting each token as many times
 * as it occurs in both (multiset overlap). Two empty texts agree perfectly; one empty text scores 0.
 * `tokens` splits a text (tokenize unless given).
 */
export function tokenF1(expected: string, actual: string, tokens: (text: string) => string[] = tokenize): TokenScore {
  const expectedTokens = tokens(expected);
  const actualTokens = tokens(actual);
  if (expectedTokens.length === 0 && actualTokens.length === 0) return { precision: 1, recall: 1, f1: 1 };

  const remaining = new Map<string, number>();
  for (const token of expectedTokens) remaining.set(token, (remaining.get(token) ?? 0) + 1);
  let overlap = 0;
  for (const token of actualTokens) {
    const count = remaining.get(token) ?? 0;
    if (count > 0) {
      overlap++;
      remaining.set(token, count - 1);
    }
  }
  const precision = actualTokens.length ? overlap / actualTokens.length : 0;
  const recall = expectedTokens.length ? overlap / expectedTokens.length : 0;
  const f1 = precision + recall ? (2 * precision * recall) / (precision + recall) : 0;
  return { precision, recall, f1 };
}
