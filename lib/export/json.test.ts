import { describe, expect, it } from "vitest";
import { writeAnnotationsJsonLd } from "@/lib/export/annotations-jsonld";
import { writeJson } from "@/lib/export/json";
import { writeNdjson } from "@/lib/export/ndjson";
import { collect, fromArray, makeAnnotation, makeRecord } from "@/lib/export/test-records";

const records = [
  makeRecord({ bodyText: 'Line one\nline "two" 미사일', annotations: [makeAnnotation()] }),
  makeRecord({ id: 2, title: "</script><b>", themes: [], tags: [] }),
];

describe("writeJson", () => {
  it("writes one parseable array with the full records, dates as ISO strings", async () => {
    const parsed = JSON.parse(await collect(writeJson(fromArray(records))));
    expect(parsed).toHaveLength(2);
    expect(parsed[0]).toMatchObject({
      id: 1,
      publishedAt: "2017-07-04T03:00:00.000Z",
      bodyText: 'Line one\nline "two" 미사일',
      themes: [{ id: 1, name: "Missiles" }],
      tags: [{ id: 1, name: "ICBM" }],
      annotations: [
        { id: 1, exact: "ballistic missile", createdAt: "2017-07-05T08:00:00.000Z", author: { name: "Ana Lyst" } },
      ],
    });
    expect(parsed[1].title).toBe("</script><b>");
    expect(parsed[1]).not.toHaveProperty("bodyText");
  });

  it("writes an empty array for no rows", async () => {
    expect(JSON.parse(await collect(writeJson(fromArray([]))))).toEqual([]);
  });
});

describe("writeNdjson", () => {
  it("writes one complete JSON object per line", async () => {
    const text = await collect(writeNdjson(fromArray(records)));
    const lines = text.split("\n");
    expect(lines.at(-1)).toBe("");
    expect(lines.slice(0, -1).map((line) => JSON.parse(line).id)).toEqual([1, 2]);
  });
});

describe("writeAnnotationsJsonLd", () => {
  it("writes a W3C AnnotationCollection holding every annotation of the rows", async () => {
    const withNotes = [
      makeRecord({
        id: 5,
        annotations: [
          makeAnnotation({ id: 11 }),
          makeAnnotation({ id: 12, exact: null, prefix: null, suffix: null, startOffset: null, endOffset: null }),
        ],
      }),
      makeRecord({ id: 6 }),
    ];
    const parsed = JSON.parse(
      await collect(writeAnnotationsJsonLd(fromArray(withNotes), { baseUrl: "https://pw.example/", label: "Test" })),
    );
    expect(parsed["@context"]).toBe("http://www.w3.org/ns/anno.jsonld");
    expect(parsed.type).toBe("AnnotationCollection");
    const items = parsed.first.items;
    expect(items.map((item: { id: string }) => item.id)).toEqual([
      "https://pw.example/articles/5#annotation-11",
      "https://pw.example/articles/5#annotation-12",
    ]);
    expect(items[0]).not.toHaveProperty("@context");
    expect(items[0].target.selector[0]).toEqual({
      type: "TextQuoteSelector",
      exact: "ballistic missile",
      prefix: "launched a ",
      suffix: " from",
    });
    expect(items[1].target).toEqual({ source: "https://pw.example/articles/5" });
  });
});
