import { describe, expect, it } from "vitest";
import { decodeListCursor, encodeListCursor, type ListCursor } from "./cursor";

describe("list cursors", () => {
  it("round-trip for each sort and direction", () => {
    const cursors: ListCursor[] = [
      { sort: "newest", direction: "after", publishedAt: new Date("2024-08-04T00:00:00Z"), id: 123456 },
      { sort: "oldest", direction: "before", publishedAt: new Date("1969-07-20T20:17:00.123Z"), id: 1 },
      {
        sort: "relevance",
        direction: "after",
        publishedAt: new Date("2017-09-04T00:00:00Z"),
        id: 2_147_483_647,
        rank: 987_654,
      },
    ];
    for (const cursor of cursors) {
      const token = encodeListCursor(cursor);
      expect(token).toMatch(/^[a-z0-9.-]+$/);
      expect(decodeListCursor(token, cursor.sort)).toEqual(cursor);
    }
  });

  it("ignores a cursor made for another sort", () => {
    const token = encodeListCursor({ sort: "newest", direction: "after", publishedAt: new Date(0), id: 5 });
    expect(decodeListCursor(token, "oldest")).toBeNull();
    expect(decodeListCursor(token, "relevance")).toBeNull();
  });

  it("rejects malformed tokens", () => {
    for (const token of [
      "",
      "n",
      "na",
      "na.1",
      "na.1.2.3",
      "nx.1.2",
      "na.1.0",
      "na.1.zzzzzzzzzzzzz",
      "na.1.-2",
      "ra.-1.2.3",
      "na.1.2x!",
    ]) {
      expect(decodeListCursor(token, token.startsWith("r") ? "relevance" : "newest")).toBeNull();
    }
  });
});
