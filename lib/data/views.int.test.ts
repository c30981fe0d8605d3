import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { createView, deleteView, listViews, renameView, setViewShared } from "@/lib/data/views";
import { ConflictError, ForbiddenError, InvalidError, NotFoundError } from "@/lib/errors";
import { createDeskFixture, type DeskFixture } from "@/test/desk-fixture";

let f: DeskFixture;

describe("saved views", () => {
  beforeAll(async () => {
    f = await createDeskFixture(db, "views", { year: 1955, articles: 1 });
  });
  afterAll(() => f.cleanup());

  it("stores the filter's canonical query, without the page cursor", async () => {
    const view = await createView(
      { name: "  Missile   tests ", query: "?theme=7,3&q=missile&cursor=na.abc.1&sort=newest&status=flagged,new" },
      f.analyst,
    );
    expect(view).toMatchObject({
      name: "Missile tests",
      query: "q=missile&theme=3%2C7&status=new%2Cflagged",
      shared: false,
      mine: true,
      owner: { id: f.analyst.id },
    });
    await expect(createView({ name: "Missile tests", query: "q=other" }, f.analyst)).rejects.toBeInstanceOf(
      ConflictError,
    );
    await expect(createView({ name: "MISSILE TESTS", query: "" }, f.analyst)).rejects.toThrow(
      "already a view named “Missile tests”",
    );
    expect((await createView({ name: "Missile tests", query: "" }, f.analyst2)).name).toBe("Missile tests");
    await expect(createView({ name: "  ", query: "" }, f.analyst)).rejects.toBeInstanceOf(InvalidError);
    expect(await db.auditEvent.count({ where: { action: { startsWith: "view." }, actorId: f.analyst.id } })).toBe(0);
  });

  it("lets viewers save private views but not share them", async () => {
    const mine = await createView({ name: "viewer private", query: "q=rice" }, f.viewer);
    expect(mine.shared).toBe(false);
    await expect(createView({ name: "viewer shared", query: "q=rice", shared: true }, f.viewer)).rejects.toBeInstanceOf(
      ForbiddenError,
    );
    await expect(setViewShared(mine.id, true, f.viewer)).rejects.toBeInstanceOf(ForbiddenError);
    expect(await db.savedView.count({ where: { ownerId: f.viewer.id, shared: true } })).toBe(0);
  });

  it("lists one's own views, then the ones others share, never others' private ones", async () => {
    const shared = await createView({ name: "Team: launches", query: "q=launch", shared: true }, f.analyst2);
    const hidden = await createView({ name: "analyst2 private", query: "q=x" }, f.analyst2);
    const audit = await db.auditEvent.findFirstOrThrow({
      where: { action: "view.create", targetId: String(shared.id) },
    });
    expect(audit.meta).toMatchObject({ name: "Team: launches", query: "q=launch", shared: true });

    const listed = (await listViews(f.analyst)).filter((view) => [f.analyst.id, f.analyst2.id].includes(view.owner.id));
    expect(listed.map((view) => [view.name, view.mine])).toEqual([
      ["Missile tests", true],
      ["Team: launches", false],
    ]);
    expect(listed[1].owner).toEqual({ id: f.analyst2.id, name: `analyst2 ${f.run}` });
    expect(listed.some((view) => view.id === hidden.id)).toBe(false);
  });

  it("lets the owner or an admin rename, share and delete; others get refused or see nothing", async () => {
    const view = await createView({ name: "Rename me", query: "q=a", shared: true }, f.analyst);
    const secret = await createView({ name: "Secret", query: "q=b" }, f.analyst);
    await expect(renameView(view.id, "Taken over", f.analyst2)).rejects.toBeInstanceOf(ForbiddenError);
    await expect(deleteView(view.id, f.analyst2)).rejects.toBeInstanceOf(ForbiddenError);
    await expect(renameView(secret.id, "Peek", f.analyst2)).rejects.toBeInstanceOf(NotFoundError);

    expect(await renameView(view.id, "Renamed", f.analyst)).toMatchObject({ name: "Renamed" });
    await expect(renameView(view.id, "missile TESTS", f.analyst)).rejects.toBeInstanceOf(ConflictError);
    expect(await renameView(view.id, "RENAMED", f.analyst)).toMatchObject({ name: "RENAMED" });
    expect(await setViewShared(view.id, false, f.admin)).toMatchObject({ shared: false, mine: false });
    const actions = await db.auditEvent.findMany({
      where: { targetType: "saved_view", targetId: String(view.id) },
      orderBy: { id: "asc" },
      select: { action: true },
    });
    expect(actions.map((event) => event.action)).toEqual(["view.create", "view.rename", "view.rename", "view.unshare"]);

    await deleteView(secret.id, f.admin);
    await deleteView(view.id, f.analyst);
    expect(await db.savedView.count({ where: { id: { in: [view.id, secret.id] } } })).toBe(0);
    await expect(deleteView(view.id, f.analyst)).rejects.toBeInstanceOf(NotFoundError);
  });
});
