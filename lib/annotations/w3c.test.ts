import { describe, expect, it } from "vitest";
import { toW3CAnnotation } from "@/lib/annotations/w3c";

const base = {
  id: 5,
  note: "Second launch vehicle of this type.",
  createdAt: new Date("2024-03-01T10:00:00.000Z"),
  updatedAt: new Date("2024-03-02T11:30:00.000Z"),
  author: { id: 3, name: "Ana Lyst" },
};

describe("toW3CAnnotation", () => {
  it("targets a passage with a quote and a position selector", () => {
    const annotation = toW3CAnnotation(
      {
        ...base,
        exact: "launching vehicle",
        prefix: "self-propelled ",
        suffix: " manufactured",
        startOffset: 120,
        endOffset: 137,
      },
      { id: 42 },
      "https://presswatch.example/",
    );
    expect(annotation).toEqual({
      "@context": "http://www.w3.org/ns/anno.jsonld",
      id: "https://presswatch.example/articles/42#annotation-5",
      type: "Annotation",
      motivation: "commenting",
      created: "2024-03-01T10:00:00.000Z",
      modified: "2024-03-02T11:30:00.000Z",
      creator: { id: "https://presswatch.example/users/3", type: "Person", name: "Ana Lyst" },
      body: {
        type: "TextualBody",
        value: "Second launch vehicle of this type.",
        format: "text/plain",
        purpose: "commenting",
      },
      target: {
        source: "https://presswatch.example/articles/42",
        selector: [
          { type: "TextQuoteSelector", exact: "launching vehicle", prefix: "self-propelled ", suffix: " manufactured" },
          { type: "TextPositionSelector", start: 120, end: 137 },
        ],
      },
    });
    expect(JSON.parse(JSON.stringify(annotation))).toEqual(annotation);
  });

  it("targets the article itself for a whole-article note, and leaves out empty context", () => {
    const whole = toW3CAnnotation(
      { ...base, exact: null, prefix: null, suffix: null, startOffset: null, endOffset: null },
      { id: 42 },
      "http://localhost:3000",
    );
    expect(whole.target).toEqual({ source: "http://localhost:3000/articles/42" });
    const atStart = toW3CAnnotation(
      { ...base, exact: "Pyongyang", prefix: "", suffix: ", May", startOffset: 0, endOffset: 9 },
      { id: 1 },
      "http://x",
    );
    expect(atStart.target.selector?.[0]).toEqual({ type: "TextQuoteSelector", exact: "Pyongyang", suffix: ", May" });
  });
});
