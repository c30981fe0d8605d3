// Builds prisma/seed-data/names/register.jsonl, the starter names register the demo seed loads, from
//   - the names corpus (../shared/corpus/names/names.jsonl: 441 entries whose every spelling occurs in a cited
//     source; see its SOURCE.md), and
//   - prisma/seed-data/names/weapons-kcna.jsonl, made by hand: KCNA's forms of weapon names (Hwasongpho-17,
//     Pukguksong-2, Hwasong-10...) beside the world's (Hwasong-17, Pukkuksong-2, Musudan...), each form checked
//     against the KCNA corpus where it occurs there (the `note` says how often).
// `tsx scripts/build-names-register.ts /work/shared/corpus/names/names.jsonl`
//
// The register keeps one spelling per key (lib/names/alias-key.ts: the search's fold, without case or spaces), so:
//   1. spellings of one entry with the same key are one (Kim Jong Un, Kim Jong-un): the first is kept;
//   2. a hand-made entry joins every corpus entry it shares a spelling with, under the hand-made canonical name;
//   3. a spelling on several entries stays with the entry whose canonical name it is, and leaves the others
//      (Kim Jongnam, a stray label on Kim Yong-nam, is Kim Jong Nam's); where it is the canonical name of several
//      (or of none), they are one name for search and are merged (the two Ri Yong-hos; county and airbase Hwangju);
//   4. a spelling that alone matches a common word (a surname, three letters or fewer) is dropped, unless it is the
//      entry's canonical name, which is kept and marked confirmed.
// Every decision is printed, so the build can be reviewed.
import { readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { aliasKey, commonWordReason } from "@/lib/names/alias-key";
import type { RegisterEntry } from "@/lib/validation/names";

type CorpusEntry = { kind: RegisterEntry["kind"]; canonical: string; aliases: string[]; source: string; id: string };
type HandEntry = { kind: RegisterEntry["kind"]; canonical: string; aliases: string[]; note: string };
type Draft = { kind: RegisterEntry["kind"]; canonical: string; aliases: string[]; sources: Set<string>; ids: string[] };

const HAND_FILE = path.join("prisma", "seed-data", "names", "weapons-kcna.jsonl");
const OUTPUT = path.join("prisma", "seed-data", "names", "register.jsonl");
const HAND_SOURCE = "presswatch weapons-kcna.jsonl (by hand)";

function readJsonLines<T>(file: string): T[] {
  return readFileSync(file, "utf8")
    .split("\n")
    .filter((line) => line.trim())
    .map((line) => JSON.parse(line) as T);
}

function uniqueByKey(aliases: string[], label: string, log: string[]): string[] {
  const seen = new Map<string, string>();
  for (const alias of aliases) {
    const key = aliasKey(alias);
    if (!key) log.push(`${label}: dropped "${alias}" (no letters or digits)`);
    else if (!seen.has(key)) seen.set(key, alias);
  }
  return [...seen.values()];
}

function merge(into: Draft, from: Draft): void {
  into.aliases.push(...from.aliases);
  for (const source of from.sources) into.sources.add(source);
  into.ids.push(...from.ids);
}

function addHandEntries(drafts: Draft[], hand: HandEntry[], log: string[]): Draft[] {
  for (const entry of hand) {
    const keys = new Set(entry.aliases.map(aliasKey));
    const matches = drafts.filter((draft) => draft.aliases.some((alias) => keys.has(aliasKey(alias))));
    const handDraft: Draft = { ...entry, aliases: [...entry.aliases], sources: new Set([HAND_SOURCE]), ids: [] };
    if (!matches.length) {
      drafts.push(handDraft);
      log.push(`hand list: new entry ${entry.canonical}`);
      continue;
    }
    log.push(`hand list: ${entry.canonical} joins ${matches.map((draft) => draft.canonical).join(" + ")}`);
    const [first, ...rest] = matches;
    merge(first, handDraft);
    for (const other of rest) merge(first, other);
    first.canonical = entry.canonical;
    drafts = drafts.filter((draft) => !rest.includes(draft));
  }
  return drafts;
}

/** Gives every key one entry (step 3 above); returns the drafts left. */
function settleSharedSpellings(drafts: Draft[], log: string[]): Draft[] {
  for (;;) {
    const owners = new Map<string, Draft[]>();
    for (const draft of drafts) {
      for (const key of new Set(draft.aliases.map(aliasKey))) owners.set(key, [...(owners.get(key) ?? []), draft]);
    }
    const shared = [...owners].find(([, list]) => list.length > 1);
    if (!shared) return drafts;
    const [key, list] = shared;
    const canonicalOwners = list.filter((draft) => aliasKey(draft.canonical) === key);
    if (canonicalOwners.length === 1) {
      for (const draft of list.filter((draft) => draft !== canonicalOwners[0])) {
        const dropped = draft.aliases.filter((alias) => aliasKey(alias) === key);
        draft.aliases = draft.aliases.filter((alias) => aliasKey(alias) !== key);
        log.push(
          `shared spelling: "${dropped.join('", "')}" left ${draft.canonical} for ${canonicalOwners[0].canonical}`,
        );
      }
      continue;
    }
    log.push(
      `shared spelling "${key}": merged ${list.map((draft) => `${draft.canonical} (${draft.ids.join(" ")})`).join(" + ")}`,
    );
    const [first, ...rest] = list;
    for (const other of rest) merge(first, other);
    drafts = drafts.filter((draft) => !rest.includes(draft));
  }
}

function finish(draft: Draft, log: string[]): RegisterEntry {
  const aliases = uniqueByKey([draft.canonical, ...draft.aliases], draft.canonical, log);
  const confirmedCommon: string[] = [];
  const kept = aliases.filter((alias) => {
    const reason = commonWordReason(alias);
    if (!reason) return true;
    if (aliasKey(alias) === aliasKey(draft.canonical)) {
      confirmedCommon.push(alias);
      log.push(`${draft.canonical}: kept its own name although ${reason}`);
      return true;
    }
    log.push(`${draft.canonical}: dropped "${alias}": ${reason}`);
    return false;
  });
  return {
    kind: draft.kind,
    canonical: draft.canonical,
    aliases: kept,
    ...(draft.ids.length ? { externalId: draft.ids.join(" ") } : {}),
    source: [...draft.sources].join(", "),
    ...(confirmedCommon.length ? { confirmedCommon } : {}),
  };
}

function main() {
  const input = process.argv[2];
  if (!input) throw new Error("usage: tsx scripts/build-names-register.ts <path to names.jsonl>");
  const log: string[] = [];
  let drafts: Draft[] = readJsonLines<CorpusEntry>(input).map((entry) => ({
    kind: entry.kind,
    canonical: entry.canonical,
    aliases: uniqueByKey(entry.aliases, entry.canonical, log),
    sources: new Set(entry.source.split(", ")),
    ids: [entry.id],
  }));
  drafts = addHandEntries(drafts, readJsonLines<HandEntry>(HAND_FILE), log);
  drafts = settleSharedSpellings(drafts, log);
  const entries = drafts
    .map((draft) => finish(draft, log))
    .sort((a, b) => a.kind.localeCompare(b.kind) || a.canonical.localeCompare(b.canonical));
  writeFileSync(OUTPUT, `${entries.map((entry) => JSON.stringify(entry)).join("\n")}\n`);
  for (const line of log) console.log(line);
  const aliases = entries.reduce((sum, entry) => sum + entry.aliases.length, 0);
  console.log(`${OUTPUT}: ${entries.length} entries, ${aliases} spellings`);
}

main();
