// Counts the rows of an export as its text arrives in the browser, for the progress bar: each format
// has a mark that starts or ends exactly one row. A mark split across two chunks is still counted once:
// the tail of a chunk that could begin a mark is carried over to the next.

export const ROW_MARKS = {
  // Every CSV field is quoted, so a row ends with a closing quote and CRLF. Inside a field that only
  // happens after a doubled quote followed by a line break, rare enough that the page's cap at the
  // server's total covers it.
  csv: '"\r\n',
  // JSON.stringify escapes line breaks: a line break before "{" only ever starts a record.
  json: "\n{",
  ndjson: "}\n",
  html: "<article>",
  md: "\n### ",
} as const;

export type CountedFormat = keyof typeof ROW_MARKS;

export function createRowCounter(format: CountedFormat) {
  const mark = ROW_MARKS[format];
  let carry = "";
  let rows = 0;
  return {
    /** Adds a decoded chunk; returns the rows seen so far. */
    push(text: string): number {
      const joined = carry + text;
      let at = joined.indexOf(mark);
      while (at !== -1) {
        rows++;
        at = joined.indexOf(mark, at + mark.length);
      }
      const lastMark = joined.lastIndexOf(mark);
      const keepFrom = Math.max(joined.length - (mark.length - 1), lastMark === -1 ? 0 : lastMark + mark.length);
      carry = joined.slice(keepFrom);
      return rows;
    },
    get rows() {
      return rows;
    },
  };
}
