import { describe, expect, it } from "vitest";
import { createRowCounter } from "@/lib/export/progress";

function countInPieces(format: Parameters<typeof createRowCounter>[0], text: string, size: number): number {
  const counter = createRowCounter(format);
  for (let at = 0; at < text.length; at += size) counter.push(text.slice(at, at + size));
  return counter.rows;
}

describe("createRowCounter", () => {
  const csv = '\uFEFF"Date","Title"\r\n"2024-01-01","Two\r\nlines, ""quoted"""\r\n"2024-01-02","미사일"\r\n';
  const ndjson = '{"id":1,"title":"a\\nb"}\n{"id":2}\n{"id":3}\n';
  const json = '[\n{"id":1},\n{"id":2}\n]\n';

  it.each([1, 2, 3, 7, 1000])("counts each row once, however the text is cut (chunks of %i)", (size) => {
    // The CSV header counts as a row too; the page subtracts it.
    expect(countInPieces("csv", csv, size)).toBe(3);
    expect(countInPieces("ndjson", ndjson, size)).toBe(3);
    expect(countInPieces("json", json, size)).toBe(2);
    expect(countInPieces("html", "<article>a</article>\n<article>b</article>", size)).toBe(2);
  });
});
