import { listArticles, articleFacets, articleTimeline } from "@/lib/search/list-articles";
import { parseArticleFilter } from "@/lib/validation/article-filter";
import { db } from "@/lib/db";
const qs = process.argv.slice(2);
for (const q of qs) {
  const { filter, notes } = parseArticleFilter(q, { now: new Date("2026-11-27T00:00:00Z") });
  for (let i = 0; i < 3; i++) {
    let t = performance.now();
    const page = await listArticles(filter, { take: 50 });
    const tl = performance.now() - t; t = performance.now();
    const facets = await articleFacets(filter);
    const tf = performance.now() - t; t = performance.now();
    const timeline = await articleTimeline(filter, { bucket: "month" });
    const tt = performance.now() - t;
    if (i === 2) console.log(q, notes, { list: tl.toFixed(1), facets: tf.toFixed(1), timeline: tt.toFixed(1) }, page.items.length, page.total, page.textMode, page.relevance, page.nextCursor, page.items[0]?.title, JSON.stringify(page.items[0]?.excerpt).slice(0, 200), page.items[0]?.themes, "facets", facets.themes.exact, facets.themes.sampled, facets.themes.counts.slice(0, 3).map(c => `${c.name}:${c.count}`), "timeline", timeline.exact, timeline.sampleRate, timeline.total, timeline.buckets.length, timeline.series.map(s => s.name).join("|"));
  }
}
await db.$disconnect();
