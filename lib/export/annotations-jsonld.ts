import { toW3CAnnotation } from "@/lib/annotations/w3c";
import type { ExportRecord } from "@/lib/export/types";

// The annotations of the exported articles alone, as one W3C AnnotationCollection (JSON-LD) whose first
// page embeds every annotation, so Hypothesis-style tools can open the file without following links.
// The collection carries the context; its items leave theirs out.

export async function* writeAnnotationsJsonLd(
  records: AsyncIterable<ExportRecord>,
  options: { baseUrl: string; label: string },
): AsyncGenerator<string> {
  const head = {
    "@context": "http://www.w3.org/ns/anno.jsonld",
    type: "AnnotationCollection",
    label: options.label,
  };
  yield `${JSON.stringify(head).slice(0, -1)},"first":{"type":"AnnotationPage","startIndex":0,"items":[`;
  let first = true;
  for await (const record of records) {
    for (const annotation of record.annotations) {
      const { "@context": _context, ...item } = toW3CAnnotation(annotation, record, options.baseUrl);
      void _context;
      yield `${first ? "\n" : ",\n"}${JSON.stringify(item)}`;
      first = false;
    }
  }
  yield "\n]}}\n";
}
