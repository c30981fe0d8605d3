import { describe, expect, it } from "vitest";
import { planImport, type RegisterState } from "./import-plan";

const EMPTY: RegisterState = { entries: [], aliases: [] };
const KIM = { kind: "person" as const, canonical: "Kim Jong-un", aliases: ["Kim Jong-un", "김정은"] };

describe("planImport", () => {
  it("creates new entries with every spelling, the canonical one included", () => {
    const outcome = planImport([{ ...KIM, aliases: ["김정은"] }], EMPTY);
    expect(outcome.ok && outcome.plan.create[0].aliases.map((alias) => alias.alias)).toEqual(["Kim Jong-un", "김정은"]);
  });

  it("names every duplicate and conflict, in the file and against the register", () => {
    const state: RegisterState = {
      entries: [{ id: 7, kind: "PERSON", canonical: "Choe Son-hui", externalId: null }],
      aliases: [{ key: "choesonhui", entryId: 7, alias: "Choe Son-hui" }],
    };
    const outcome = planImport(
      [
        { ...KIM, aliases: ["Kim Jong-un", "Kim Jong Un", "김정은"] },
        { kind: "person", canonical: "Kim Jong Il", aliases: ["Kim Jong Il", "김정은"] },
        { kind: "person", canonical: "Choe Seon-hui", aliases: ["Choe Seon-hui", "Ch'oe Sŏnhŭi"] },
      ],
      state,
    );
    expect(outcome).toEqual({
      ok: false,
      problems: [
        "Duplicate: “Kim Jong-un” and “Kim Jong Un” in Kim Jong-un are one spelling.",
        "Conflict: “김정은” is in both Kim Jong-un and Kim Jong Il.",
        "Conflict: “Ch'oe Sŏnhŭi” (Choe Seon-hui) is already “Choe Son-hui” of Choe Son-hui.",
      ],
    });
  });

  it("refuses a common word alone unless the entry confirms it", () => {
    const entry = { kind: "person" as const, canonical: "Ri Son Gwon", aliases: ["Ri Son Gwon", "Ri"] };
    const refused = planImport([entry], EMPTY);
    expect(refused).toEqual({
      ok: false,
      problems: [
        "“Ri” alone is a surname shared by many people (Ri Son Gwon): list it under confirmedCommon to keep it.",
      ],
    });
    const confirmed = planImport([{ ...entry, confirmedCommon: ["Ri"] }], EMPTY);
    expect(confirmed.ok && confirmed.plan.create[0].aliases.find((alias) => alias.alias === "Ri")).toEqual({
      alias: "Ri",
      key: "ri",
      commonWord: true,
    });
  });

  it("adds only the missing spellings to an entry the register holds, found by id or by name", () => {
    const state: RegisterState = {
      entries: [{ id: 3, kind: "PERSON", canonical: "Kim Jong-un", externalId: "wikidata:Q56226" }],
      aliases: [{ key: "kimjongun", entryId: 3, alias: "Kim Jong-un" }],
    };
    const byName = planImport([KIM], state);
    expect(byName.ok && byName.plan).toEqual({
      create: [],
      extend: [
        { entryId: 3, canonical: "Kim Jong-un", aliases: [{ alias: "김정은", key: "김정은", commonWord: false }] },
      ],
      known: 1,
    });
    const byId = planImport([{ ...KIM, canonical: "Kim Jong Un", externalId: "wikidata:Q56226" }], state);
    expect(byId.ok && byId.plan.extend[0].entryId).toBe(3);
    const again = planImport([{ kind: "person", canonical: "Kim Jong-un", aliases: ["Kim Jong-un"] }], state);
    expect(again.ok && again.plan).toEqual({ create: [], extend: [], known: 1 });
  });
});
