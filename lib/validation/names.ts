import { z } from "zod";

// The names register as admins and analysts change it. One entry of a register file (JSON Lines, one entry a line): what the admin page imports and what
// prisma/seed-data/names/register.jsonl holds (made by scripts/build-names-register.ts).
//   {"kind": "person", "canonical": "Kim Jong-un", "aliases": ["Kim Jong-un", "김정은", ...],
//    "externalId": "wikidata:Q56226", "source": "every-politician-scrapers/north-korea", "confirmedCommon": []}
// `confirmedCommon` lists the aliases that on their own match a common word ("Ri", "Pak") and are wanted all
// the same: without it, such an alias refuses the import.

export const NAME_KINDS = ["person", "place", "organisation", "weapon"] as const;
export const NAME_KIND_LABELS = {
  PERSON: "Person",
  PLACE: "Place",
  ORGANISATION: "Organisation",
  WEAPON: "Weapon",
} as const;
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

// The forms and calls of the admin page (/admin/names) and of an analyst's proposal. Ids come as strings from
// forms; checkboxes as "on".

const id = z.coerce.number({ message: "Expected an id." }).int().positive().max(2_147_483_647);
const checkbox = z.preprocess((value) => value === true || value === "on" || value === "true", z.boolean());
const spelling = z
  .string()
  .trim()
  .min(1, "Write a spelling.")
  .max(ALIAS_MAX, `At most ${ALIAS_MAX} characters.`)
  .refine((value) => /[\p{L}\p{N}]/u.test(value), "A spelling needs letters or digits.");
const kindField = z.preprocess(
  (value) => (typeof value === "string" ? value.toUpperCase() : value),
  z.enum(["PERSON", "PLACE", "ORGANISATION", "WEAPON"], { message: "Choose what kind of name it is." }),
);

export const nameEntrySchema = z.object({ kind: kindField, canonical: spelling, confirmCommon: checkbox });
export const updateNameEntrySchema = nameEntrySchema.extend({ entryId: id });
export const nameEntryIdSchema = z.object({ entryId: id });
export const addNameAliasSchema = z.object({ entryId: id, alias: spelling, confirmCommon: checkbox });
export const nameAliasIdSchema = z.object({ aliasId: id });
export const mergeNameEntriesSchema = z.object({ entryId: id, sourceId: id });
export const splitNameEntrySchema = z.object({
  entryId: id,
  aliasIds: z.preprocess(
    (value) => (value === undefined || value === "" ? [] : Array.isArray(value) ? value : [value]),
    z.array(id).min(1, "Choose the spellings that make the new entry.").max(ALIASES_PER_ENTRY_MAX),
  ),
});
export const acceptNameProposalSchema = z.object({ aliasId: id, confirmCommon: checkbox });
export const proposeNameAliasSchema = z.object({
  entryId: id,
  alias: spelling,
  articleId: z.preprocess((value) => (value === "" || value === null ? undefined : value), id.optional()),
});
export const findNameEntriesSchema = z.object({ q: z.string().trim().min(1).max(ALIAS_MAX) });
/** An uploaded register: a few thousand entries at most. */
export const REGISTER_FILE_MAX_BYTES = 5 * 1024 * 1024;
