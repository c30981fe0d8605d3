import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import type { Actor } from "@/lib/data/actor";
import { setThemeOnArticles } from "@/lib/data/article-themes";
import { createRule, deleteRule, previewRule, updateRule } from "@/lib/data/theme-rules";
import { createTheme, deleteTheme, getThemeForAdmin, updateTheme } from "@/lib/data/themes";
import { ForbiddenError, InvalidError } from "@/lib/errors";
import { runThemeRerun } from "@/lib/themes/rerun";
import { createTestSource, createTestUsers, deleteTestUsers, insertTestArticles, randomTag } from "@/test/factories";

// Against the run's shared database; this file's rows carry a random letter tag.

const TAG = randomTag("qy", "letters");
let actors: Record<"admin" | "analyst" | "viewer", Actor>;
let articleIds: number[] = [];
const draft = (query: string, scope: "ANYWHERE" | "LEAD" | "TITLE" = "ANYWHERE") => ({
  query,
  sourceIds: [],
  weight: 1,
  scope,
  enabled: true,
});
// A report that mentions the orchard only deep in its body, far past the opening the excerpt keeps.
const DEEP_OPENING = `${TAG} The county report was read out at the meeting.`;
const DEEP_BODY = `${DEEP_OPENING} ${"Officials listed the tasks of the month one by one. ".repeat(10)}Apples from the orchard were picked.`;

beforeAll(async () => {
  actors = await createTestUsers(TAG, { admin: "ADMIN", analyst: "ANALYST", viewer: "VIEWER" }, { ip: "10.0.0.9" });
  const source = await createTestSource(TAG, "Themes wire");
  const bodies = [
    `${TAG} harvest of wheat`,
    `${TAG} harvest of barley`,
    `${TAG} a dam on the river`,
    `${TAG} a concert of the orchestra`,
  ];
  bodies.push(DEEP_BODY);
  const created = await insertTestArticles(
    TAG,
    source.id,
    bodies.map((body, i) => ({
      key: i,
      title: `Themes ${i} ${TAG}`,
      body,
      excerpt: body === DEEP_BODY ? DEEP_OPENING : body,
      publishedAt: new Date(Date.UTC(1963, 0, 1 + i)),
    })),
  );
  articleIds = created.map((row) => row.id).sort((a, b) => a - b);
});

afterAll(async () => {
  await db.article.deleteMany({ where: { canonicalUrl: { startsWith: `test.example/${TAG}/` } } });
  await db.theme.deleteMany({ where: { name: { contains: TAG } } });
  await db.source.deleteMany({ where: { name: `Themes wire ${TAG}` } });
  await deleteTestUsers(TAG);
});

describe("theme administration", () => {
  it("refuses viewers and analysts every change to themes and rules", async () => {
    const theme = await createTheme({ name: `Guarded ${TAG}`, description: "", color: "#475569" }, actors.admin);
    const { ruleId } = await createRule(theme.id, draft(`${TAG} harvest`), actors.admin);
    for (const actor of [actors.viewer, actors.analyst]) {
      await expect(
        createTheme({ name: `Forged ${TAG}`, description: "", color: "#475569" }, actor),
      ).rejects.toBeInstanceOf(ForbiddenError);
      await expect(
        updateTheme(theme.id, { name: `Forged ${TAG}`, description: "", color: "#475569" }, actor),
      ).rejects.toBeInstanceOf(ForbiddenError);
      await expect(deleteTheme(theme.id, actor)).rejects.toBeInstanceOf(ForbiddenError);
      await expect(createRule(theme.id, draft("anything"), actor)).rejects.toBeInstanceOf(ForbiddenError);
      await expect(updateRule(ruleId, draft("anything"), actor)).rejects.toBeInstanceOf(ForbiddenError);
      await expect(deleteRule(ruleId, actor)).rejects.toBeInstanceOf(ForbiddenError);
      await expect(previewRule(theme.id, draft("anything"), actor)).rejects.toBeInstanceOf(ForbiddenError);
    }
    expect(await db.themeRule.findUniqueOrThrow({ where: { id: ruleId } })).toMatchObject({ query: `${TAG} harvest` });
    expect(await db.theme.count({ where: { name: `Forged ${TAG}` } })).toBe(0);
  });

  it("audits changes, records a re-run per rule change, and refuses a parent loop", async () => {
    const parent = await createTheme({ name: `Parent ${TAG}`, description: "", color: "#15803d" }, actors.admin);
    const child = await createTheme(
      { name: `Child ${TAG}`, description: "x", color: "#15803d", parentId: parent.id },
      actors.admin,
    );
    await expect(
      updateTheme(
        parent.id,
        { name: `Parent ${TAG}`, description: "", color: "#15803d", parentId: child.id },
        actors.admin,
      ),
    ).rejects.toBeInstanceOf(InvalidError);
    const { rerun } = await createRule(child.id, draft(`${TAG} harvest`), actors.admin);
    expect(rerun).toMatchObject({ themeId: child.id, finishedAt: null });
    const events = await db.auditEvent.findMany({ where: { actorId: actors.admin.id }, select: { action: true } });
    expect(events.map((event) => event.action)).toEqual(expect.arrayContaining(["theme.create", "theme_rule.create"]));
  });

  it("previews what a draft would add and remove, leaving hand decisions out", async () => {
    const theme = await createTheme({ name: `Preview ${TAG}`, description: "", color: "#0369a1" }, actors.admin);
    const { ruleId, rerun } = await createRule(theme.id, draft(`${TAG} harvest`), actors.admin);
    await runThemeRerun(rerun.id);
    await setThemeOnArticles([articleIds[2]], theme.id, actors.analyst);

    const preview = await previewRule(theme.id, { ...draft(`${TAG} wheat OR dam OR concert`), ruleId }, actors.admin);
    expect(preview).toMatchObject({ added: 1, removed: 1 });
    expect(preview.addedSample.map((article) => article.id)).toEqual([articleIds[3]]);
    expect(preview.removedSample.map((article) => article.id)).toEqual([articleIds[1]]);

    const disabled = await previewRule(theme.id, { ...draft(`${TAG} harvest`), enabled: false, ruleId }, actors.admin);
    expect(disabled).toMatchObject({ added: 0, removed: 2 });
    expect((await getThemeForAdmin(theme.id))?.byRule).toBe(2);
  });

  it("previews a rule in its scope: a word deep in the body counts anywhere, not in the title and opening", async () => {
    const theme = await createTheme({ name: `Scoped ${TAG}`, description: "", color: "#0369a1" }, actors.admin);
    const deep = articleIds[4];
    expect(await previewRule(theme.id, draft(`${TAG} orchard`), actors.admin)).toMatchObject({
      added: 1,
      addedSample: [expect.objectContaining({ id: deep })],
    });
    expect(await previewRule(theme.id, draft(`${TAG} orchard`, "LEAD"), actors.admin)).toMatchObject({
      added: 0,
      removed: 0,
    });
    expect(await previewRule(theme.id, draft(`${TAG} orchard`, "TITLE"), actors.admin)).toMatchObject({
      added: 0,
      removed: 0,
    });

    const { ruleId, rerun } = await createRule(theme.id, draft(`${TAG} orchard`), actors.admin);
    await runThemeRerun(rerun.id);
    const narrowed = await previewRule(theme.id, { ...draft(`${TAG} orchard`, "LEAD"), ruleId }, actors.admin);
    expect(narrowed).toMatchObject({ added: 0, removed: 1, removedSample: [expect.objectContaining({ id: deep })] });

    await updateRule(ruleId, draft(`${TAG} orchard`, "TITLE"), actors.admin);
    expect((await getThemeForAdmin(theme.id))?.rules).toMatchObject([{ id: ruleId, scope: "TITLE" }]);
    const audit = await db.auditEvent.findFirstOrThrow({
      where: { action: "theme_rule.update", targetId: String(ruleId) },
      select: { meta: true },
    });
    expect(audit.meta).toMatchObject({ scope: "TITLE", before: { scope: "ANYWHERE" } });
  });
});
