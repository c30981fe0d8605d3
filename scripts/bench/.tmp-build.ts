import { ensureListBenchDatabase } from "@/scripts/bench/list-dataset";
const n = Number(process.argv[2] ?? 20000);
const r = await ensureListBenchDatabase({ articles: n, log: (l) => console.log(new Date().toISOString().slice(11,19), l) });
console.log(r);
