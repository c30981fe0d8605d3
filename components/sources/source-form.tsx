"use client";

import Link from "next/link";
import { startTransition, useActionState, useRef, useState } from "react";
import { createSourceAction, testFeedAction, updateSourceAction } from "@/lib/actions/sources";
import type { ActionState } from "@/lib/actions/run-action";
import { Button, buttonClasses } from "@/components/ui/button";
import { Field, Input } from "@/components/ui/field";
import { Notice } from "@/components/ui/notice";

export type SourceFormValues = {
  name: string;
  url: string;
  language: string;
  pollIntervalMinutes: string;
  fetchFullText: boolean;
  /** Blank: by the articles' age. */
  recheckHours: string;
  active: boolean;
};

const EMPTY: SourceFormValues = {
  name: "",
  url: "",
  language: "en",
  pollIntervalMinutes: "30",
  fetchFullText: false,
  recheckHours: "",
  active: true,
};

function readValues(formData: FormData): SourceFormValues {
  const text = (key: string) => String(formData.get(key) ?? "");
  return {
    name: text("name"),
    url: text("url"),
    language: text("language"),
    pollIntervalMinutes: text("pollIntervalMinutes"),
    fetchFullText: formData.get("fetchFullText") === "on",
    recheckHours: text("recheckHours"),
    active: formData.get("active") === "on",
  };
}

/** Adds a feed source, or edits one when `source` is given; "Test feed" checks the URL without saving. */
export function SourceForm({ source }: { source?: SourceFormValues & { id: number } }) {
  const editing = source !== undefined;
  const formRef = useRef<HTMLFormElement>(null);
  const [values, setValues] = useState<SourceFormValues>(source ?? EMPTY);
  // A test result speaks of the URL that was tested: it goes once the form is saved.
  const [showCheck, setShowCheck] = useState(false);
  const [state, action, pending] = useActionState<ActionState, FormData>(async (previous, formData) => {
    const result = await (editing ? updateSourceAction : createSourceAction)(previous, formData);
    // React resets a form after its action: the fields come back with these values (what was typed, after an error).
    setValues(result.ok && !editing ? EMPTY : readValues(formData));
    if (result.ok) setShowCheck(false);
    return result;
  }, null);
  const [check, runCheck, checking] = useActionState<ActionState, FormData>(testFeedAction, null);
  const errors = state && !state.ok ? (state.fieldErrors ?? {}) : {};

  const testFeed = () => {
    const form = formRef.current;
    if (!form) return;
    setShowCheck(true);
    startTransition(() => runCheck(new FormData(form)));
  };

  return (
    <form
      ref={formRef}
      action={action}
      className="space-y-3"
      aria-label={editing ? `Edit ${source.name}` : "Add a feed source"}
    >
      {editing ? <input type="hidden" name="sourceId" value={source.id} /> : null}
      <div className="grid gap-3 md:grid-cols-2 lg:grid-cols-[minmax(0,1fr)_minmax(0,1.6fr)_7rem_9rem]">
        <Field label="Name" hint="The outlet, as analysts will see it." error={errors.name?.[0]}>
          {(props) => (
            <Input name="name" required maxLength={120} autoComplete="off" defaultValue={values.name} {...props} />
          )}
        </Field>
        <Field label="Feed URL" hint="RSS 2.0, RSS 1.0, Atom or JSON Feed." error={errors.url?.[0]}>
          {(props) => (
            <Input
              name="url"
              type="url"
              required
              inputMode="url"
              autoComplete="off"
              placeholder="https://"
              defaultValue={values.url}
              {...props}
            />
          )}
        </Field>
        <Field label="Language" hint="e.g. en, ko" error={errors.language?.[0]}>
          {(props) => <Input name="language" required maxLength={20} defaultValue={values.language} {...props} />}
        </Field>
        <Field label="Poll every (minutes)" hint="At least 5." error={errors.pollIntervalMinutes?.[0]}>
          {(props) => (
            <Input
              name="pollIntervalMinutes"
              type="number"
              required
              min={5}
              step={1}
              defaultValue={values.pollIntervalMinutes}
              {...props}
            />
          )}
        </Field>
      </div>
      <div className="max-w-md">
        <Field
          label="Re-check pages every (hours)"
          hint="Blank: by age (hourly on the first day, daily for a month, then monthly); 0: never."
          error={errors.recheckHours?.[0]}
        >
          {(props) => (
            <Input
              name="recheckHours"
              type="number"
              min={0}
              step={1}
              placeholder="by age"
              defaultValue={values.recheckHours}
              {...props}
            />
          )}
        </Field>
      </div>
      <div className="flex flex-wrap gap-x-6 gap-y-2">
        <label className="flex items-start gap-2 text-sm text-slate-700">
          <input
            type="checkbox"
            name="fetchFullText"
            defaultChecked={values.fetchFullText}
            className="mt-0.5 h-4 w-4 rounded border-slate-300"
          />
          <span>
            Fetch each item&apos;s page for the full text
            <span className="block text-xs text-slate-500">
              Otherwise only items whose feed text is a short teaser are fetched.
            </span>
          </span>
        </label>
        <label className="flex items-start gap-2 text-sm text-slate-700">
          <input
            type="checkbox"
            name="active"
            defaultChecked={values.active}
            className="mt-0.5 h-4 w-4 rounded border-slate-300"
          />
          <span>
            Active (polled on schedule)
            <span className="block text-xs text-slate-500">
              A paused source is polled only by &ldquo;Poll now&rdquo;.
            </span>
          </span>
        </label>
      </div>
      {state && !state.ok ? <Notice tone="error">{state.error}</Notice> : null}
      {state?.ok ? <Notice tone="success">{state.message}</Notice> : null}
      {showCheck && check && !checking ? (
        <Notice tone={check.ok ? "success" : "error"}>
          {check.ok ? check.message : `Feed test failed: ${check.error}`}
        </Notice>
      ) : null}
      <div className="flex flex-wrap items-center gap-2">
        <Button type="submit" variant="primary" disabled={pending}>
          {pending ? "Saving…" : editing ? "Save changes" : "Add source"}
        </Button>
        <Button type="button" onClick={testFeed} disabled={checking}>
          {checking ? "Testing…" : "Test feed"}
        </Button>
        {editing ? (
          <Link href="/admin/sources" className={buttonClasses("ghost")}>
            Cancel
          </Link>
        ) : null}
      </div>
    </form>
  );
}
