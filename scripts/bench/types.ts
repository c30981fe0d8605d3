// What every `npm run bench` section receives and reports (one JSON object per figure on stdout).

export type BenchRow = { bench: string; value: number; unit: string; n?: number; [key: string]: unknown };

export type BenchOptions = {
  /** --articles-file: a JSONL article file (.gz accepted) instead of the repo's demo sample. */
  file?: string;
  /** --small: a quick run (CI smoke test) rather than a measurement. */
  small?: boolean;
  emit: (row: BenchRow) => void;
  /** Progress for humans; goes to stderr. */
  log?: (line: string) => void;
};
