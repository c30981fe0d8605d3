"use client";

import Link from "next/link";
import { useActionState, useEffect, useRef, useState } from "react";
import { deleteRuleAction, previewRuleAction, saveRuleAction } from "@/lib/actions/themes";
import type { ActionResult, ActionState } from "@/lib/actions/run-action";
import type { RulePreview } from "@/lib/data/theme-rules";
import { Button } from "@/components/ui/button";
import { Field, Input, Select, Textarea } from "@/components/ui/field";
import { Notice } from "@/components/ui/notice";
import { RULE_SCOPE_LABELS, RULE_SCOPES, type ThemeRuleScope } from "@/lib/themes/scope";
import { SourcePicker } from "@/components/themes/source-picker";

const PREVIEW_DELAY_MS = 400;

export type RuleValues = {
  id?: number;
  query: string;
  sourceIds: number[];
  weight: number;
  scope: ThemeRuleScope;
  enabled: boolean;
};

type Draft = { query: string; sourceIds: string[]; weight: string; scope: ThemeRuleScope; enabled: boolean };

function PreviewList({ label, count, sample }: { label: string; count: number; sample: RulePreview["addedSample"] }) {
  return (
    <div>
      <p className="text-xs font-medium text-slate-700">
        {label}: {count.toLocaleString("en-US")}
      </p>
      {sample.length ? (
        <ul className="mt-1 space-y-0.5 text-xs" aria-label={label}>
          {sample.map((article) => (
            <li key={article.id} className="truncate">
              <Link href={`/articles/${article.id}`} className="text-accent-700 hover:underline">
                {article.title}
              </Link>
            </li>
          ))}
        </ul>
      ) : (
        <p className="mt-1 text-xs text-slate-500">No article.</p>
      )}
    </div>
  );
}

/** One rule's form: edits preview live against the theme's current rules, and saving starts a re-run. */
export function RuleEditor({
  themeId,
  rule,
  sources,
}: {
  themeId: number;
  rule?: RuleValues;
  sources: { id: number; name: string }[];
}) {
  const [state, action, pending] = useActionState<ActionState<{ rerunId: number }>, FormData>(saveRuleAction, null);
  const [deleteState, deleteAction, deleting] = useActionState<ActionState, FormData>(deleteRuleAction, null);
  const [draft, setDraft] = useState<Draft>({
    query: rule?.query ?? "",
    sourceIds: (rule?.sourceIds ?? []).map(String),
    weight: String(rule?.weight ?? 1),
    scope: rule?.scope ?? "ANYWHERE",
    enabled: rule?.enabled ?? true,
  });
  const [preview, setPreview] = useState<ActionResult<RulePreview> | null>(null);
  const [previewing, setPreviewing] = useState(false);
  const request = useRef(0);
  const changed =
    !rule ||
    draft.query !== rule.query ||
    draft.weight !== String(rule.weight) ||
    draft.scope !== rule.scope ||
    draft.enabled !== rule.enabled ||
    draft.sourceIds.join(",") !== rule.sourceIds.join(",");

  useEffect(() => {
    if (!changed || !draft.query.trim()) return;
    const id = ++request.current;
    const timer = setTimeout(async () => {
      setPreviewing(true);
      const result: ActionResult<RulePreview> = await previewRuleAction(null, {
        themeId,
        ruleId: rule?.id,
        ...draft,
      }).catch(() => ({
        ok: false as const,
        error: "The preview could not be loaded: keep typing or try again.",
      }));
      if (id !== request.current) return;
      setPreview(result);
      setPreviewing(false);
    }, PREVIEW_DELAY_MS);
    return () => clearTimeout(timer);
  }, [draft, changed, themeId, rule?.id]);

  const errors = state && !state.ok ? (state.fieldErrors ?? {}) : {};
  const label = rule?.id ? `Rule ${rule.id}` : "New rule";
  return (
    <div className="space-y-2">
      <form action={action} className="space-y-2" aria-label={label}>
        <input type="hidden" name="themeId" value={themeId} />
        {rule?.id ? <input type="hidden" name="ruleId" value={rule.id} /> : null}
        <Field
          label="Query"
          hint='Same syntax as the search: "a phrase", a OR b, -exclude, prefix*. The opening is the excerpt shown under the title.'
          error={errors.query?.[0]}
        >
          {(props) => (
            <Textarea
              name="query"
              rows={2}
              required
              maxLength={500}
              value={draft.query}
              onChange={(event) => setDraft({ ...draft, query: event.target.value })}
              className="font-mono text-xs"
              {...props}
            />
          )}
        </Field>
        <div className="flex flex-wrap items-end gap-3">
          <Field label="Looks in" error={errors.scope?.[0]} className="w-44">
            {(props) => (
              <Select
                name="scope"
                value={draft.scope}
                onChange={(event) => setDraft({ ...draft, scope: event.target.value as ThemeRuleScope })}
                {...props}
              >
                {RULE_SCOPES.map((scope) => (
                  <option key={scope} value={scope}>
                    {RULE_SCOPE_LABELS[scope]}
                  </option>
                ))}
              </Select>
            )}
          </Field>
          <Field label="Only sources (none: all)" error={errors.sourceIds?.[0]} className="min-w-40 flex-1">
            {(props) => (
              <SourcePicker
                name="sourceIds"
                sources={sources}
                value={draft.sourceIds}
                onChange={(sourceIds) => setDraft({ ...draft, sourceIds })}
                id={props.id}
                describedBy={props["aria-describedby"]}
                invalid={props["aria-invalid"]}
              />
            )}
          </Field>
          <Field label="Weight" error={errors.weight?.[0]} className="w-20">
            {(props) => (
              <Input
                name="weight"
                type="number"
                min={0.1}
                max={10}
                step={0.1}
                value={draft.weight}
                onChange={(event) => setDraft({ ...draft, weight: event.target.value })}
                {...props}
              />
            )}
          </Field>
          <label className="flex h-8 items-center gap-1.5 text-sm text-slate-700">
            <input
              type="checkbox"
              name="enabled"
              checked={draft.enabled}
              onChange={(event) => setDraft({ ...draft, enabled: event.target.checked })}
            />
            Enabled
          </label>
          <Button type="submit" variant="primary" disabled={pending || !changed}>
            {pending ? "Saving…" : rule?.id ? "Save rule" : "Add rule"}
          </Button>
        </div>
        {state && !state.ok ? <Notice tone="error">{state.error}</Notice> : null}
        {state?.ok ? <Notice tone="success">{state.message}</Notice> : null}
      </form>
      {changed && draft.query.trim() ? (
        <section
          aria-label={`${label} preview`}
          aria-live="polite"
          className="rounded-md border border-slate-200 bg-slate-50 p-2"
        >
          <p className="mb-1 text-xs text-slate-500">
            {previewing ? "Counting…" : "If saved (hand decisions stay as they are):"}
          </p>
          {preview && !preview.ok ? <p className="text-xs text-red-700">{preview.error}</p> : null}
          {preview?.ok && preview.data ? (
            <div className={previewing ? "grid gap-3 opacity-60 sm:grid-cols-2" : "grid gap-3 sm:grid-cols-2"}>
              <PreviewList label="Would add" count={preview.data.added} sample={preview.data.addedSample} />
              <PreviewList label="Would remove" count={preview.data.removed} sample={preview.data.removedSample} />
            </div>
          ) : null}
        </section>
      ) : null}
      {rule?.id ? (
        <form
          action={deleteAction}
          onSubmit={(event) => {
            if (!confirm("Delete this rule? Articles only it matched lose the theme (hand assignments stay)."))
              event.preventDefault();
          }}
        >
          <input type="hidden" name="ruleId" value={rule.id} />
          <Button type="submit" variant="ghost" size="sm" disabled={deleting}>
            Delete rule
          </Button>
          {deleteState && !deleteState.ok ? <Notice tone="error">{deleteState.error}</Notice> : null}
        </form>
      ) : null}
    </div>
  );
}
