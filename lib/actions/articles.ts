"use server";

import type { z } from "zod";
import {
  actionInput,
  requireDeskActor,
  requireDeskActorWithAny,
  revalidateAllArticles,
  revalidateArticles,
} from "@/lib/actions/desk-actor";
import { parseInput, runAction, type ActionResult, type ActionState } from "@/lib/actions/run-action";
import { applyBulkAction, undoBulkAction as undoStoredBulkAction } from "@/lib/data/bulk";
import { setReviewStatus } from "@/lib/data/article-status";
import {
  articleThemes,
  clearThemeOnArticles,
  liveThemesForArticles,
  setThemeOnArticles,
  type ArticleThemeRow,
  type ThemeSummary,
} from "@/lib/data/article-themes";
import {
  addTagToArticles,
  createTag,
  deleteTag,
  removeTagFromArticles,
  searchTags,
  tagsForArticles,
  updateTag,
  type TagSearchHit,
  type TagSummary,
} from "@/lib/data/tags";
import type { ReviewStatus, ThemeOrigin } from "@/lib/generated/prisma/enums";
import { articleThemeSchema, setReviewStatusSchema } from "@/lib/validation/article-actions";
import { bulkActionSchema, bulkFilterFromQuery, countMatchingSchema, undoBulkSchema } from "@/lib/validation/bulk";
import { countMatchingArticles } from "@/lib/data/article-selection";
import { articlesWord, STATUS_WORD } from "@/lib/wording";
import {
  addTagSchema,
  createTagSchema,
  removeTagSchema,
  searchTagsSchema,
  tagIdSchema,
  updateTagSchema,
} from "@/lib/validation/tags";

// The analyst's writes on articles, for the list and the reading view. Every action takes
// (previousState, input), where input is a <form>'s FormData (works with useActionState, ids as "1,2,3")
// or a plain object (a direct call from a client component: `await addTagAction(null, { articleIds: [7], tagId: 3 })`).
// Each checks the permission first, validates with lib/validation, calls lib/data (which checks again),
// revalidates the list and the article pages, and returns an ActionResult whose data is the new state
// for the UI to replace its optimistic one.
//
//   searchTagsAction      { prefix, limit? }                        "articles:read"  -> TagSearchHit[]
//   createTagAction       { name, color? }                          "tags:create"    -> { tag, created }
//   updateTagAction       { tagId, name?, color? }                  admins           -> { tag }
//   deleteTagAction       { tagId }                                 admins
//   addTagAction          { articleIds, tagId | tagName }           "articles:tag"   -> { tag, affected, tagsByArticle }
//   removeTagAction       { articleIds, tagId }                     "articles:tag"   -> { tag, affected, tagsByArticle }
//   setReviewStatusAction { articleIds, status }                    "articles:review" -> { status, affected, articleIds }
//   setThemeAction        { articleIds, themeId }                   "articles:theme" -> { theme, affected, themesByArticle, themeRows? }
//   clearThemeAction      { articleIds, themeId }                   "articles:theme" -> same
//   bulkAction            see lib/validation/bulk.ts                per action       -> { affected, requested, summary, undoToken, ... }
//   undoBulkAction        { undoToken }                             per action       -> { restored, summary }
// tagsByArticle / themesByArticle cover the articles named by id (up to STATE_FOR_IDS of them); a "select
// all matching" bulk action returns none: the list reloads instead.

const STATE_FOR_IDS = 200;

type ListTheme = ThemeSummary & { origin: ThemeOrigin };

export type TagChangeData = { tag: TagSummary; affected: number; tagsByArticle: Record<number, TagSummary[]> };
export type ThemeChangeData = {
  theme: ThemeSummary;
  affected: number;
  themesByArticle: Record<number, ListTheme[]>;
  /** For a single article: every theme row with why it is there (rule, matched words, who, when). */
  themeRows?: ArticleThemeRow[];
};
export type StatusChangeData = { status: ReviewStatus; affected: number; articleIds: number[] };
export type BulkActionData = {
  affected: number;
  requested: number;
  summary: string;
  undoToken: string;
  tagsByArticle?: Record<number, TagSummary[]>;
  themesByArticle?: Record<number, ListTheme[]>;
  status?: ReviewStatus;
};
export type UndoData = { restored: number; summary: string };

export type SearchTagsInput = z.input<typeof searchTagsSchema>;
export type CreateTagActionInput = z.input<typeof createTagSchema>;
export type UpdateTagActionInput = z.input<typeof updateTagSchema>;
export type TagIdInput = z.input<typeof tagIdSchema>;
export type AddTagInput = z.input<typeof addTagSchema>;
export type RemoveTagInput = z.input<typeof removeTagSchema>;
export type SetReviewStatusInput = z.input<typeof setReviewStatusSchema>;
export type ArticleThemeInput = z.input<typeof articleThemeSchema>;
export type BulkActionInput = z.input<typeof bulkActionSchema>;
export type UndoBulkInput = z.input<typeof undoBulkSchema>;

export async function searchTagsAction(_state: ActionState<TagSearchHit[]>, input: FormData | SearchTagsInput) {
  return runAction(async (): Promise<ActionResult<TagSearchHit[]>> => {
    await requireDeskActor("articles:read");
    const { prefix, limit } = parseInput(searchTagsSchema, actionInput(input));
    return { ok: true, data: await searchTags(prefix, limit) };
  });
}

export async function createTagAction(
  _state: ActionState<{ tag: TagSummary; created: boolean }>,
  input: FormData | CreateTagActionInput,
) {
  return runAction(async (): Promise<ActionResult<{ tag: TagSummary; created: boolean }>> => {
    const actor = await requireDeskActor("tags:create");
    const parsed = parseInput(createTagSchema, actionInput(input));
    const result = await createTag(parsed, actor);
    revalidateArticles([]);
    return {
      ok: true,
      message: result.created
        ? `Created the tag “${result.tag.name}”.`
        : `The tag “${result.tag.name}” already exists.`,
      data: result,
    };
  });
}

export async function updateTagAction(
  _state: ActionState<{ tag: TagSummary }>,
  input: FormData | UpdateTagActionInput,
) {
  return runAction(async (): Promise<ActionResult<{ tag: TagSummary }>> => {
    const actor = await requireDeskActor("tags:create");
    const { tagId, ...changes } = parseInput(updateTagSchema, actionInput(input));
    const tag = await updateTag(tagId, changes, actor);
    revalidateAllArticles();
    return { ok: true, message: `Saved the tag “${tag.name}”.`, data: { tag } };
  });
}

export async function deleteTagAction(_state: ActionState, input: FormData | TagIdInput) {
  return runAction(async (): Promise<ActionResult> => {
    const actor = await requireDeskActor("tags:create");
    const { tagId } = parseInput(tagIdSchema, actionInput(input));
    const { name, links } = await deleteTag(tagId, actor);
    revalidateAllArticles();
    return { ok: true, message: `Deleted the tag “${name}” from ${articlesWord(links)}.` };
  });
}

async function tagState(articleIds: number[]): Promise<Record<number, TagSummary[]>> {
  return articleIds.length <= STATE_FOR_IDS ? tagsForArticles(articleIds) : {};
}

async function themeState(articleIds: number[]): Promise<Record<number, ListTheme[]>> {
  return articleIds.length <= STATE_FOR_IDS ? liveThemesForArticles(articleIds) : {};
}

export async function addTagAction(_state: ActionState<TagChangeData>, input: FormData | AddTagInput) {
  return runAction(async (): Promise<ActionResult<TagChangeData>> => {
    const actor = await requireDeskActor("articles:tag");
    const { articleIds, tag } = parseInput(addTagSchema, actionInput(input));
    const result = await addTagToArticles(articleIds, tag, actor);
    revalidateArticles(articleIds);
    const message =
      articleIds.length === 1
        ? `Tagged “${result.tag.name}”.`
        : `Tagged ${articlesWord(result.affected)} with “${result.tag.name}”.`;
    return {
      ok: true,
      message,
      data: { tag: result.tag, affected: result.affected, tagsByArticle: await tagState(articleIds) },
    };
  });
}

export async function removeTagAction(_state: ActionState<TagChangeData>, input: FormData | RemoveTagInput) {
  return runAction(async (): Promise<ActionResult<TagChangeData>> => {
    const actor = await requireDeskActor("articles:tag");
    const { articleIds, tagId } = parseInput(removeTagSchema, actionInput(input));
    const result = await removeTagFromArticles(articleIds, tagId, actor);
    revalidateArticles(articleIds);
    const message =
      articleIds.length === 1
        ? `Removed “${result.tag.name}”.`
        : `Removed “${result.tag.name}” from ${articlesWord(result.affected)}.`;
    return {
      ok: true,
      message,
      data: { tag: result.tag, affected: result.affected, tagsByArticle: await tagState(articleIds) },
    };
  });
}

export async function setReviewStatusAction(
  _state: ActionState<StatusChangeData>,
  input: FormData | SetReviewStatusInput,
) {
  return runAction(async (): Promise<ActionResult<StatusChangeData>> => {
    const actor = await requireDeskActor("articles:review");
    const { articleIds, status } = parseInput(setReviewStatusSchema, actionInput(input));
    const result = await setReviewStatus(articleIds, status, actor);
    revalidateArticles(articleIds);
    const message =
      articleIds.length === 1
        ? `Marked ${STATUS_WORD[status]}.`
        : `Marked ${articlesWord(result.affected)} ${STATUS_WORD[status]}.`;
    return { ok: true, message, data: { status, affected: result.affected, articleIds } };
  });
}

async function changeTheme(
  mode: "set" | "clear",
  input: FormData | ArticleThemeInput,
): Promise<ActionResult<ThemeChangeData>> {
  const actor = await requireDeskActor("articles:theme");
  const { articleIds, themeId } = parseInput(articleThemeSchema, actionInput(input));
  const result = await (mode === "set" ? setThemeOnArticles : clearThemeOnArticles)(articleIds, themeId, actor);
  revalidateArticles(articleIds);
  const [themesByArticle, themeRows] = await Promise.all([
    themeState(articleIds),
    articleIds.length === 1 ? articleThemes(articleIds[0]) : Promise.resolve(undefined),
  ]);
  const verb = mode === "set" ? `Set theme “${result.theme.name}”` : `Cleared theme “${result.theme.name}”`;
  const message =
    articleIds.length === 1
      ? `${verb}.`
      : `${verb} ${mode === "set" ? "on" : "from"} ${articlesWord(result.affected)}.`;
  return {
    ok: true,
    message,
    data: { theme: result.theme, affected: result.affected, themesByArticle, ...(themeRows ? { themeRows } : {}) },
  };
}

export async function setThemeAction(_state: ActionState<ThemeChangeData>, input: FormData | ArticleThemeInput) {
  return runAction(() => changeTheme("set", input));
}

export async function clearThemeAction(_state: ActionState<ThemeChangeData>, input: FormData | ArticleThemeInput) {
  return runAction(() => changeTheme("clear", input));
}

export async function bulkAction(_state: ActionState<BulkActionData>, input: FormData | BulkActionInput) {
  return runAction(async (): Promise<ActionResult<BulkActionData>> => {
    const actor = await requireDeskActorWithAny(["articles:tag", "articles:theme", "articles:review"]);
    const { selection, action } = parseInput(bulkActionSchema, actionInput(input));
    const result = await applyBulkAction({ selection, action, actor });
    revalidateArticles(result.articleIds);
    const explicit = selection.kind === "ids" ? result.articleIds : [];
    const data: BulkActionData = {
      affected: result.affected,
      requested: result.requested,
      summary: result.summary,
      undoToken: result.undoToken,
    };
    if (action.type === "add_tag" || action.type === "remove_tag") data.tagsByArticle = await tagState(explicit);
    else if (action.type === "set_theme" || action.type === "clear_theme")
      data.themesByArticle = await themeState(explicit);
    else data.status = action.status;
    return { ok: true, message: `${result.summary}.`, data };
  });
}

/** The exact count behind "select all matching", shown before the analyst applies anything to it. */
export async function countMatchingAction(_state: ActionState<{ count: number }>, input: { query: string }) {
  return runAction(async (): Promise<ActionResult<{ count: number }>> => {
    await requireDeskActor("articles:read");
    const { query } = parseInput(countMatchingSchema, actionInput(input));
    return { ok: true, data: { count: await countMatchingArticles(bulkFilterFromQuery(query)) } };
  });
}

export async function undoBulkAction(_state: ActionState<UndoData>, input: FormData | UndoBulkInput) {
  return runAction(async (): Promise<ActionResult<UndoData>> => {
    const actor = await requireDeskActorWithAny(["articles:tag", "articles:theme", "articles:review"]);
    const { undoToken } = parseInput(undoBulkSchema, actionInput(input));
    const result = await undoStoredBulkAction(undoToken, actor);
    revalidateAllArticles();
    return { ok: true, message: `${result.summary}.`, data: result };
  });
}
