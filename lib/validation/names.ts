import { z } from "zod";

// The names register as admins and analysts change it. One entry of a register file (JSON Lines, one entry a line): what the admin page imports and what
// prisma/seed-data/names/register.jsonl holds (made by scripts/build-names-register.ts).
//   {"kind": "person", "canonical": "Kim Jong-un", "aliases": ["Kim Jong-un", "김정은", ...],
//    "externalId": "wikidata:Q56226", "source": "every-politician-scrapers/north-korea", "confirmedCommon": []}
// `confirmedCommon` lists the aliases that on their own match a common word ("Ri", "Pak") and are wanted all
// the same: without it, such an alias refuses the import.

export const NAME_KINDS = ["person", "place", "organisation", "weapon"] as const;
export type NameKindValue = (typeof NAME_KINDS)[number];

export const ALIAS_MAX = 120;
export const ALIASES_PER_ENTRY_MAX = 100;

const text = (max: number) => z.string().trim().min(1).max(max);

export const registerEntrySchema = z.object({
  kind: z.enum(NAME_KINDS),
  canonical: text(ALIAS_MAX),
  aliases: z.array(text(ALIAS_MAX)).min(1).max(ALIASES_PER_ENTRY_MAX),
  externalId: text(200).optional(),
  source: z.string().trim().max(500).optional(),
  confirmedCommon: z.array(text(ALIAS_MAX)).max(ALIASES_PER_ENTRY_MAX).optional(),
});

export type RegisterEntry = z.infer<typeof registerEntrySchema>;

/** The file's entries, or the lines that are not entries (numbered from 1). */
export function parseRegisterFile(
  content: string,
): { ok: true; entries: RegisterEntry[] } | { ok: false; problems: string[] } {
  const entries: RegisterEntry[] = [];
  const problems: string[] = [];
  content.split(/\r?\n/).forEach((line, index) => {
    if (!line.trim()) return;
    let value: unknown;
    try {
      value = JSON.parse(line);
    } catch {
      problems.push(`Line ${index + 1} is not JSON.`);
      return;
    }
    const parsed = registerEntrySchema.safeParse(value);
    if (parsed.success) entries.push(parsed.data);
    else {
      const issue = parsed.error.issues[0];
      problems.push(`Line ${index + 1}: ${issue.path.join(".") || "entry"}: ${issue.message}`);
    }
  });
  if (!entries.length && !problems.length) problems.push("The file holds no entries.");
  return problems.length ? { ok: false, problems } : { ok: true, entries };
}
