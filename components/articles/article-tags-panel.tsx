"use client";

import { Plus } from "lucide-react";
import { useOptimistic, useState, useTransition } from "react";
import { addTagAction, removeTagAction } from "@/lib/actions/articles";
import type { TagSummary } from "@/lib/data/tag-catalogue";
import { applyRowChange, mergeServerRows, type RowChange, type TriageRow } from "@/lib/desk/row-changes";
import { Popover, PopoverContent, PopoverTrigger } from "@/components/ui/popover";
import { TagChip } from "@/components/articles/labels";
import { TagPicker, type PickedTag } from "@/components/articles/tag-picker";

// The article's tags: the team's shared labels, added with autocomplete (or created), removed with ×.

export function ArticleTagsPanel({
  articleId,
  tags,
  canTag,
  canCreate,
}: {
  articleId: number;
  tags: TagSummary[];
  canTag: boolean;
  canCreate: boolean;
}) {
  const asRow = (list: TagSummary[]): TriageRow => ({ id: articleId, reviewStatus: "NEW", tags: list, themes: [] });
  const [confirmed, setConfirmed] = useState(tags);
  const [seen, setSeen] = useState(tags);
  if (tags !== seen) {
    setSeen(tags);
    setConfirmed(tags);
  }
  const [shown, applyOptimistic] = useOptimistic(
    confirmed,
    (current: TagSummary[], change: RowChange) => applyRowChange([asRow(current)], change)[0].tags,
  );
  const [, startTransition] = useTransition();
  const [open, setOpen] = useState(false);
  const [error, setError] = useState<string | null>(null);

  function change(
    rowChange: RowChange,
    call: () => Promise<
      { ok: true; data?: { tagsByArticle: Record<number, TagSummary[]> } } | { ok: false; error: string }
    >,
  ) {
    setError(null);
    startTransition(async () => {
      applyOptimistic(rowChange);
      const result = await call().catch(() => ({
        ok: false as const,
        error: "The change could not be sent: try again.",
      }));
      startTransition(() => {
        if (!result.ok) return setError(result.error);
        setConfirmed((current) => mergeServerRows(applyRowChange([asRow(current)], rowChange), result.data)[0].tags);
      });
    });
  }

  function add(tag: PickedTag) {
    setOpen(false);
    const shownTag = "id" in tag ? tag : { id: -1, name: tag.name, color: "#475569" };
    change({ kind: "add_tag", target: [articleId], tag: shownTag }, () =>
      addTagAction(
        null,
        "id" in tag ? { articleIds: [articleId], tagId: tag.id } : { articleIds: [articleId], tagName: tag.name },
      ),
    );
  }

  return (
    <section aria-labelledby="tags-heading">
      <h2 id="tags-heading" className="mb-1.5 text-xs font-semibold text-slate-900">
        Tags
      </h2>
      <ul className="flex flex-wrap items-center gap-1.5" aria-label="Tags of this article">
        {shown.map((tag) => (
          <li key={tag.id}>
            <TagChip
              tag={tag}
              onRemove={
                canTag
                  ? () =>
                      change({ kind: "remove_tag", target: [articleId], tagId: tag.id }, () =>
                        removeTagAction(null, { articleIds: [articleId], tagId: tag.id }),
                      )
                  : undefined
              }
            />
          </li>
        ))}
        {!shown.length && !canTag ? <li className="text-xs text-slate-500">No tags.</li> : null}
        {canTag ? (
          <li>
            <Popover open={open} onOpenChange={setOpen}>
              <PopoverTrigger className="inline-flex items-center gap-0.5 rounded-full border border-dashed border-slate-300 px-1.5 text-[11px] leading-4 text-slate-600 hover:border-slate-400 hover:text-slate-900">
                <Plus className="h-3 w-3" aria-hidden /> Add tag
              </PopoverTrigger>
              <PopoverContent aria-label="Add a tag">
                <TagPicker
                  label="Tag to add"
                  allowCreate={canCreate}
                  autoFocus
                  excludeIds={shown.map((tag) => tag.id)}
                  onPick={add}
                  onCancel={() => setOpen(false)}
                />
              </PopoverContent>
            </Popover>
          </li>
        ) : null}
      </ul>
      {error ? (
        <p role="alert" className="mt-1 text-xs text-red-700">
          {error}
        </p>
      ) : null}
    </section>
  );
}
