// Whether two versions of a sentence (or a title) name different people, places or numbers. Sibling stories
// of one day are the same sentences with another country, head of state or date put in; a revised
// translation keeps them, though it may spell them out or shorten them ("Oct." and "October", "DPRK" and
// "Democratic People's Republic of Korea"), which is not a swap.

const JOINING_WORDS = new Set(["of", "the", "and", "s", "for"]);

/** Words of `words` inside a run whose initials spell one of `acronyms` ("workers party of korea": "wpk"). */
function spelledOut(
  words: readonly string[],
  acronyms: ReadonlySet<string>,
): { covered: Set<string>; found: Set<string> } {
  const covered = new Set<string>();
  const found = new Set<string>();
  if (acronyms.size === 0) return { covered, found };
  for (let start = 0; start < words.length; start++) {
    if (JOINING_WORDS.has(words[start])) continue;
    let initials = "";
    const run: string[] = [];
    for (let end = start; end < words.length && initials.length < 6; end++) {
      run.push(words[end]);
      if (JOINING_WORDS.has(words[end])) continue;
      initials += words[end][0];
      if (initials.length >= 2 && acronyms.has(initials)) {
        found.add(initials);
        for (const word of run) covered.add(word);
      }
    }
  }
  return { covered, found };
}

function shortForms(only: readonly string[]): Set<string> {
  return new Set(only.filter((word) => /^\p{L}{2,6}$/u.test(word)));
}

/**
 * "old>new" when each side has a name or number the other lacks and that is not a short or long form of
 * one the other has; null otherwise.
 */
export function nameSwap(a: readonly string[], b: readonly string[], isName: (word: string) => boolean): string | null {
  const inA = new Set(a);
  const inB = new Set(b);
  let onlyA = [...inA].filter((word) => isName(word) && !inB.has(word));
  let onlyB = [...inB].filter((word) => isName(word) && !inA.has(word));
  if (onlyA.length === 0 || onlyB.length === 0) return null;
  const outA = spelledOut(a, shortForms(onlyB));
  const outB = spelledOut(b, shortForms(onlyA));
  const abbreviates = (word: string, other: ReadonlySet<string>) =>
    /^\p{L}{3,}$/u.test(word) &&
    [...other].some((o) => /^\p{L}{3,}$/u.test(o) && (o.startsWith(word) || word.startsWith(o)));
  onlyA = onlyA.filter((word) => !outA.covered.has(word) && !outB.found.has(word) && !abbreviates(word, inB));
  onlyB = onlyB.filter((word) => !outB.covered.has(word) && !outA.found.has(word) && !abbreviates(word, inA));
  return onlyA.length > 0 && onlyB.length > 0 ? `${onlyA.join(" ")}>${onlyB.join(" ")}` : null;
}
