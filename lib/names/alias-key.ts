import { foldWithOrigin } from "@/lib/search/fold";
import { ENGLISH_STOP_WORDS } from "@/lib/search/stop-words";

// What makes two spellings one: the search's fold (no marks, apostrophes or hyphens: P'yŏngyang = Pyongyang,
// Jong-un = Jong Un), no case, and no spaces either, since the search also finds a romanised name joined
// (Kim Jongun) when it is written apart. The register keeps one spelling per key.

/** The register's key of a spelling: "Kim Jong-un", "Kim Jong Un" and "KIM JONGUN" all give "kimjongun". */
export function aliasKey(alias: string): string {
  return foldWithOrigin(alias.normalize("NFKC"), { pairs: false })
    .text.toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, "");
}

/** The spelling's words as the search reads them (folded, lower-case), CJK runs whole. */
export function aliasWords(alias: string): string[] {
  return foldWithOrigin(alias.normalize("NFKC"), { pairs: false })
    .text.toLowerCase()
    .split(/[^\p{L}\p{N}]+/u)
    .filter(Boolean);
}

// Korean surnames as KCNA, McCune-Reischauer, Revised Romanization and the press write them: on its own, each
// names thousands of people, so an alias that is only a surname would flood a search with everyone of that name.
const SURNAMES = new Set(
  (
    "kim gim ri rhee lee yi i pak park bak choe choi chwe jong jeong chung jung kang gang jo cho yun yoon jang chang " +
    "han o oh so seo hwang an ahn song ryu yu yoo hong jon jeon chon ko go mun moon yang son pae bae paek baek ho heo " +
    "hur nam sim shim no ro roh ha kwak gwak cha ju chu joo u woo won ryang ri wi kye gye tak thak pyon byeon ok im lim " +
    "rim jin chin sin shin myong maeng kil gil ma ki"
  ).split(" "),
);

/**
 * Why a spelling on its own matches words that are not the entry, or null: a stop word, a surname alone, a
 * word of three letters or fewer ("Ri", "Pak", "O"), one Han or Hangul character. Such an alias is kept only
 * when an admin confirms it.
 */
export function commonWordReason(alias: string): string | null {
  const words = aliasWords(alias);
  if (words.length !== 1) return null;
  const [word] = words;
  if (ENGLISH_STOP_WORDS.has(word)) return `“${alias}” is a word the search skips`;
  if (SURNAMES.has(word)) return `“${alias}” alone is a surname shared by many people`;
  if (/^\p{Script=Latin}+$/u.test(word) ? word.length <= 3 : [...word].length <= 1)
    return `“${alias}” alone is too short to name one thing`;
  return null;
}
