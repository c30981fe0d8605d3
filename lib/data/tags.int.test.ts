import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { addTagToArticles, removeTagFromArticles, tagsForArticles } from "@/lib/data/tags";
import { createTag, deleteTag, listTags, searchTags, updateTag } from "@/lib/data/tag-catalogue";
import { ConflictError, ForbiddenError, InvalidError, NotFoundError } from "@/lib/errors";
import { TAG_COLORS } from "@/lib/validation/tags";
import { createDeskFixture, type DeskFixture } from "@/test/desk-fixture";

let f: DeskFixture;

async function linksOf(tagId: number) {
  return db.articleTag.findMany({ where: { tagId }, orderBy: { articleId: "asc" } });
}

describe("tags", () => {
  beforeAll(async () => {
    f = await createDeskFixture(db, "tags", { year: 1951, articles: 12 });
  });
  afterAll(() => f.cleanup());

  it("creates a tag with a normalised name and a palette colour, audited", async () => {
    const { tag, created } = await createTag({ name: `  Missile \t  tests ${f.run} ` }, f.analyst);
    expect(created).toBe(true);
    expect(tag.name).toBe(`Missile tests ${f.run}`);
    expect(TAG_COLORS.map((color) => color.value)).toContain(tag.color);
    const audit = await db.auditEvent.findFirstOrThrow({ where: { action: "tag.create", targetId: String(tag.id) } });
    expect(audit).toMatchObject({ actorId: f.analyst.id, ip: "10.0.0.2" });
    expect(audit.meta).toMatchObject({ name: tag.name });
  });

  it("treats names that differ only in case as the same tag, also when created at the same moment", async () => {
    const names = [`Rocket ${f.run}`, `rocket ${f.run}`, ` ROCKET  ${f.run}`, `Rocket ${f.run}`];
    const results = await Promise.all(names.map((name, i) => createTag({ name }, i % 2 ? f.analyst : f.analyst2)));
    const ids = new Set(results.map((result) => result.tag.id));
    expect(ids.size).toBe(1);
    expect(results.filter((result) => result.created)).toHaveLength(1);
    expect(await db.tag.count({ where: { name: { equals: `rocket ${f.run}`, mode: "insensitive" } } })).toBe(1);
    expect(await db.auditEvent.count({ where: { action: "tag.create", targetId: String([...ids][0]) } })).toBe(1);
  });

  it("refuses empty, overlong and control-character names and colours off the palette", async () => {
    await expect(createTag({ name: "   " }, f.analyst)).rejects.toBeInstanceOf(InvalidError);
    await expect(createTag({ name: "x".repeat(61) }, f.analyst)).rejects.toThrow("at most 60");
    await expect(createTag({ name: `bad\u0007${f.run}` }, f.analyst)).rejects.toBeInstanceOf(InvalidError);
    await expect(createTag({ name: `coloured ${f.run}`, color: "#ff0000" }, f.analyst)).rejects.toThrow("palette");
    const sixty = `${f.run} `.padEnd(60, "y");
    expect((await createTag({ name: sixty, color: "#0F766E" }, f.analyst)).tag).toMatchObject({
      name: sixty,
      color: "#0f766e",
    });
  });

  it("refuses a viewer's tag writes at the data layer, changing nothing", async () => {
    const { tag } = await createTag({ name: `viewer target ${f.run}` }, f.analyst);
    await expect(createTag({ name: `viewer made ${f.run}` }, f.viewer)).rejects.toBeInstanceOf(ForbiddenError);
    await expect(addTagToArticles([f.articleIds[0]], { id: tag.id }, f.viewer)).rejects.toBeInstanceOf(ForbiddenError);
    await expect(removeTagFromArticles([f.articleIds[0]], tag.id, f.viewer)).rejects.toBeInstanceOf(ForbiddenError);
    await expect(updateTag(tag.id, { name: "x" }, f.viewer)).rejects.toBeInstanceOf(ForbiddenError);
    await expect(deleteTag(tag.id, f.viewer)).rejects.toBeInstanceOf(ForbiddenError);
    expect(await db.tag.count({ where: { name: `viewer made ${f.run}` } })).toBe(0);
    expect(await linksOf(tag.id)).toEqual([]);
  });

  it("adds a tag once per article, copying the article's date, and reports what was new", async () => {
    const { tag } = await createTag({ name: `links ${f.run}` }, f.analyst);
    const first = await addTagToArticles(f.articleIds.slice(0, 3), { id: tag.id }, f.analyst);
    expect(first).toMatchObject({ affected: 3, requested: 3 });
    const again = await addTagToArticles(f.articleIds.slice(0, 4), { id: tag.id }, f.analyst2);
    expect(again).toMatchObject({ affected: 1, requested: 4 });
    const links = await linksOf(tag.id);
    expect(links.map((link) => link.articleId)).toEqual(f.articleIds.slice(0, 4));
    for (const link of links) expect(link.publishedAt.getTime()).toBe(f.publishedAt.get(link.articleId)!.getTime());
    expect(links[0].createdById).toBe(f.analyst.id);
    expect(links[3].createdById).toBe(f.analyst2.id);
    const audit = await db.auditEvent.findFirstOrThrow({
      where: { action: "articles.tag", actorId: f.analyst2.id, targetId: String(tag.id) },
    });
    expect(audit.meta).toMatchObject({
      count: 1,
      requested: 4,
      articleIds: f.articleIds.slice(0, 4),
      selection: "ids",
    });
    await expect(addTagToArticles([f.articleIds[0]], { id: 2_000_000_000 }, f.analyst)).rejects.toBeInstanceOf(
      NotFoundError,
    );
  });

  it("keeps both analysts' tags when they tag the same article at the same moment", async () => {
    const article = f.articleIds[5];
    const [a, b] = await Promise.all([
      createTag({ name: `same a ${f.run}` }, f.analyst),
      createTag({ name: `same b ${f.run}` }, f.analyst2),
    ]);
    const results = await Promise.allSettled([
      addTagToArticles([article], { id: a.tag.id }, f.analyst),
      addTagToArticles([article], { id: b.tag.id }, f.analyst2),
      addTagToArticles([article], { id: a.tag.id }, f.analyst2),
      addTagToArticles([article], { id: b.tag.id }, f.analyst),
      addTagToArticles([article], { name: `Same C ${f.run}` }, f.analyst),
      addTagToArticles([article], { name: `same c ${f.run}` }, f.analyst2),
    ]);
    expect(results.map((result) => result.status)).toEqual(Array(6).fill("fulfilled"));
    const tags = (await tagsForArticles([article]))[article].map((tag) => tag.name.toLowerCase());
    expect(tags).toEqual([`same a ${f.run}`, `same b ${f.run}`, `same c ${f.run}`]);
    const affected = results.map((result) => (result.status === "fulfilled" ? result.value.affected : -1));
    expect(affected[0] + affected[2]).toBe(1);
    expect(affected[1] + affected[3]).toBe(1);
  });

  it("lets overlapping bulk taggings run at once without deadlocks", async () => {
    const { tag } = await createTag({ name: `overlap ${f.run}` }, f.analyst);
    const forward = f.articleIds;
    const backward = [...f.articleIds].reverse();
    const results = await Promise.allSettled(
      Array.from({ length: 6 }, (_, i) =>
        addTagToArticles(i % 2 ? backward : forward, { id: tag.id }, i % 2 ? f.analyst : f.analyst2),
      ),
    );
    expect(results.every((result) => result.status === "fulfilled")).toBe(true);
    const total = results.reduce((sum, result) => sum + (result.status === "fulfilled" ? result.value.affected : 0), 0);
    expect(total).toBe(f.articleIds.length);
    expect(await linksOf(tag.id)).toHaveLength(f.articleIds.length);
  });

  it("tags by a new name (creating it) or by an existing one in any case", async () => {
    const made = await addTagToArticles([f.articleIds[6]], { name: `fresh ${f.run}` }, f.analyst);
    expect(made.tag.name).toBe(`fresh ${f.run}`);
    const reused = await addTagToArticles([f.articleIds[7]], { name: `FRESH ${f.run}` }, f.analyst2);
    expect(reused.tag.id).toBe(made.tag.id);
    expect((await linksOf(made.tag.id)).map((link) => link.articleId)).toEqual([f.articleIds[6], f.articleIds[7]]);
  });

  it("tags every article a list filter matches", async () => {
    const { tag } = await createTag({ name: `by filter ${f.run}` }, f.analyst);
    const filter = {
      tagMode: "any" as const,
      sort: "newest" as const,
      sources: [f.sourceId],
      from: new Date(Date.UTC(1951, 0, 3)),
      to: new Date(Date.UTC(1951, 0, 5)),
    };
    const result = await addTagToArticles({ kind: "filter", filter }, { id: tag.id }, f.analyst);
    expect(result).toMatchObject({ affected: 3, requested: 3 });
    expect((await linksOf(tag.id)).map((link) => link.articleId)).toEqual(f.articleIds.slice(2, 5));
  });

  it("removes a tag from articles, and removing a missing link is a no-op", async () => {
    const { tag } = await createTag({ name: `remove ${f.run}` }, f.analyst);
    await addTagToArticles(f.articleIds.slice(0, 3), { id: tag.id }, f.analyst);
    const removed = await removeTagFromArticles([f.articleIds[1], f.articleIds[8]], tag.id, f.analyst2);
    expect(removed).toMatchObject({ affected: 1, requested: 2 });
    expect((await linksOf(tag.id)).map((link) => link.articleId)).toEqual([f.articleIds[0], f.articleIds[2]]);
    expect(await db.auditEvent.count({ where: { action: "articles.untag", targetId: String(tag.id) } })).toBe(1);
  });

  it("searches by name or word prefix, case-insensitively, most used first, exact name on top", async () => {
    const make = async (name: string, uses: number) => {
      const { tag } = await createTag({ name: `${name} ${f.run}` }, f.analyst);
      if (uses) await addTagToArticles(f.articleIds.slice(0, uses), { id: tag.id }, f.analyst);
      return tag;
    };
    const zeta = await make("Zq launch", 1);
    const alpha = await make("Zq launcher", 5);
    const word = await make("Satellite zq launchpad", 3);
    await make("Zq other", 9);
    const hits = await searchTags("zQ LAUNCH", 10);
    expect(hits.map((hit) => hit.id)).toEqual([alpha.id, word.id, zeta.id]);
    expect(hits.map((hit) => hit.uses)).toEqual([5, 3, 1]);
    const exact = await searchTags(`zq launch ${f.run}`, 10);
    expect(exact[0].id).toBe(zeta.id);
    expect(await searchTags("%", 50)).toEqual(expect.not.arrayContaining([expect.objectContaining({ id: zeta.id })]));
    expect(await searchTags("zq", 2)).toHaveLength(2);
  });

  it("lists every tag with its exact usage and creator", async () => {
    const { tag } = await createTag({ name: `listed ${f.run}` }, f.analyst);
    await addTagToArticles(f.articleIds.slice(0, 7), { id: tag.id }, f.analyst);
    const listed = (await listTags()).find((row) => row.id === tag.id);
    expect(listed).toMatchObject({ name: `listed ${f.run}`, uses: 7, createdBy: { id: f.analyst.id } });
  });

  it("lets only admins rename, recolour and delete tags, and refuses a name another tag has", async () => {
    const { tag } = await createTag({ name: `rename me ${f.run}` }, f.analyst);
    await createTag({ name: `taken ${f.run}` }, f.analyst);
    await expect(updateTag(tag.id, { name: `renamed ${f.run}` }, f.analyst)).rejects.toBeInstanceOf(ForbiddenError);
    await expect(updateTag(tag.id, { name: `TAKEN ${f.run}` }, f.admin)).rejects.toBeInstanceOf(ConflictError);
    expect(await updateTag(tag.id, { name: `Rename Me ${f.run}` }, f.admin)).toMatchObject({
      name: `Rename Me ${f.run}`,
    });
    expect(await updateTag(tag.id, { color: "#be185d" }, f.admin)).toMatchObject({ color: "#be185d" });
    const audit = await db.auditEvent.findFirstOrThrow({
      where: { action: "tag.update", targetId: String(tag.id) },
      orderBy: { id: "asc" },
    });
    expect(audit.meta).toMatchObject({ from: { name: `rename me ${f.run}` }, to: { name: `Rename Me ${f.run}` } });

    await addTagToArticles(f.articleIds.slice(0, 2), { id: tag.id }, f.analyst);
    await expect(deleteTag(tag.id, f.analyst)).rejects.toBeInstanceOf(ForbiddenError);
    expect(await deleteTag(tag.id, f.admin)).toEqual({ name: `Rename Me ${f.run}`, links: 2 });
    expect(await linksOf(tag.id)).toEqual([]);
    expect(await db.article.count({ where: { id: { in: f.articleIds.slice(0, 2) } } })).toBe(2);
    await expect(deleteTag(tag.id, f.admin)).rejects.toBeInstanceOf(NotFoundError);
  });
});
