"use server";

import type { z } from "zod";
import { defineAction } from "@/lib/actions/define-action";
import { revalidateAllArticles, revalidateArticles } from "@/lib/actions/revalidate";
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
import { addTagToArticles, removeTagFromArticles, tagsForArticles } from "@/lib/data/tags";
import { createTag, deleteTag, searchTags, updateTag, type TagSummary } from "@/lib/data/tag-catalogue";
import type { ReviewStatus, ThemeOrigin } from "@/lib/generated/prisma/enums";
import type { Actor } from "@/lib/data/actor";
import type { ActionResult } from "@/lib/actions/run-action";
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

const DESK_WRITES = ["articles:tag", "articles:theme", "articles:review"] as const;

export const searchTagsAction = defineAction(
  { permission: "articles:read", schema: searchTagsSchema },
  async ({ input }) => ({ ok: true, data: await searchTags(input.prefix, input.limit) }),
);

export const createTagAction = defineAction(
  { permission: "tags:create", schema: createTagSchema },
  async ({ actor, input }) => {
    const result = await createTag(input, actor);
    revalidateArticles([]);
    return {
      ok: true,
      message: result.created
        ? `Created the tag “${result.tag.name}”.`
        : `The tag “${result.tag.name}” already exists.`,
      data: result,
    };
  },
);

export const updateTagAction = defineAction(
  { permission: "tags:create", schema: updateTagSchema },
  async ({ actor, input: { tagId, ...changes } }) => {
    const tag = await updateTag(tagId, changes, actor);
    revalidateAllArticles();
    return { ok: true, message: `Saved the tag “${tag.name}”.`, data: { tag } };
  },
);

export const deleteTagAction = defineAction(
  { permission: "tags:create", schema: tagIdSchema },
  async ({ actor, input }) => {
    const { name, links } = await deleteTag(input.tagId, actor);
    revalidateAllArticles();
    return { ok: true, message: `Deleted the tag “${name}” from ${articlesWord(links)}.` };
  },
);

async function tagState(articleIds: number[]): Promise<Record<number, TagSummary[]>> {
  return articleIds.length <= STATE_FOR_IDS ? tagsForArticles(articleIds) : {};
}

async function themeState(articleIds: number[]): Promise<Record<number, ListTheme[]>> {
  return articleIds.length <= STATE_FOR_IDS ? liveThemesForArticles(articleIds) : {};
}

export const addTagAction = defineAction(
  { permission: "articles:tag", schema: addTagSchema },
  async ({ actor, input: { articleIds, tag } }): Promise<ActionResult<TagChangeData>> => {
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
  },
);

export const removeTagAction = defineAction(
  { permission: "articles:tag", schema: removeTagSchema },
  async ({ actor, input: { articleIds, tagId } }): Promise<ActionResult<TagChangeData>> => {
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
  },
);

export const setReviewStatusAction = defineAction(
  { permission: "articles:review", schema: setReviewStatusSchema },
  async ({ actor, input: { articleIds, status } }): Promise<ActionResult<StatusChangeData>> => {
    const result = await setReviewStatus(articleIds, status, actor);
    revalidateArticles(articleIds);
    const message =
      articleIds.length === 1
        ? `Marked ${STATUS_WORD[status]}.`
        : `Marked ${articlesWord(result.affected)} ${STATUS_WORD[status]}.`;
    return { ok: true, message, data: { status, affected: result.affected, articleIds } };
  },
);

async function changeTheme(
  mode: "set" | "clear",
  actor: Actor,
  { articleIds, themeId }: z.output<typeof articleThemeSchema>,
): Promise<ActionResult<ThemeChangeData>> {
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

export const setThemeAction = defineAction(
  { permission: "articles:theme", schema: articleThemeSchema },
  async ({ actor, input }) => changeTheme("set", actor, input),
);

export const clearThemeAction = defineAction(
  { permission: "articles:theme", schema: articleThemeSchema },
  async ({ actor, input }) => changeTheme("clear", actor, input),
);

/** The exact permission depends on the action (tag, theme or status): lib/data/bulk checks that one. */
export const bulkAction = defineAction(
  { permission: DESK_WRITES, schema: bulkActionSchema },
  async ({ actor, input: { selection, action } }): Promise<ActionResult<BulkActionData>> => {
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
  },
);

/** The exact count behind "select all matching", shown before the analyst applies anything to it. */
export const countMatchingAction = defineAction(
  { permission: "articles:read", schema: countMatchingSchema },
  async ({ input }) => ({ ok: true, data: { count: await countMatchingArticles(bulkFilterFromQuery(input.query)) } }),
);

export const undoBulkAction = defineAction(
  { permission: DESK_WRITES, schema: undoBulkSchema },
  async ({ actor, input }): Promise<ActionResult<UndoData>> => {
    const result = await undoStoredBulkAction(input.undoToken, actor);
    revalidateAllArticles();
    return { ok: true, message: `${result.summary}.`, data: result };
  },
);
