"use client";

import Link from "next/link";
import { useActionState, useState } from "react";
import { previewPasteAction, savePasteAction } from "@/lib/actions/ingest";
import type { ActionState } from "@/lib/actions/run-action";
import type { PastePreview } from "@/lib/ingest/paste/paste-items";
import type { PasteSaveResult } from "@/lib/ingest/paste/save-paste";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Field, Textarea } from "@/components/ui/field";
import { Notice } from "@/components/ui/notice";

export function PastePanel() {
  // Controlled, so the paste survives React's reset of the form after each action.
  const [text, setText] = useState("");
  const [previewedText, setPreviewedText] = useState<string | null>(null);
  const [savedText, setSavedText] = useState<string | null>(null);
  const [preview, previewAction, previewing] = useActionState<ActionState<PastePreview>, FormData>(
    previewPasteAction,
    null,
  );
  const [saved, saveAction, saving] = useActionState<ActionState<PasteSaveResult>, FormData>(savePasteAction, null);

  const current = previewedText === text;
  const data = preview?.ok && current ? preview.data : undefined;
  const canSave = Boolean(data?.main) && data?.errors.length === 0 && !previewing && !saving;
  const inputError = preview && !preview.ok && current ? preview.error : undefined;

  return (
    <form action={previewAction} aria-label="Paste a page" className="max-w-4xl space-y-4">
      <p className="text-sm text-slate-600">
        Copy a whole article page from the KCNA Watch aggregator (the date header, title,{" "}
        <code>Date: dd/mm/yyyy | Source: …</code> line, the text up to <code>-0-</code> and the “More From” list) and
        paste it below. Preview it, check it, then save.
      </p>
      <Field label="Pasted page" error={inputError}>
        {(props) => (
          <Textarea
            name="text"
            value={text}
            onChange={(event) => setText(event.target.value)}
            rows={12}
            spellCheck={false}
            className="font-mono text-xs leading-5"
            {...props}
          />
        )}
      </Field>
      <div className="flex flex-wrap items-center gap-2">
        <Button type="submit" onClick={() => setPreviewedText(text)} disabled={previewing || text.trim() === ""}>
          {previewing ? "Reading…" : "Preview"}
        </Button>
        <Button
          type="submit"
          variant="primary"
          formAction={saveAction}
          onClick={() => setSavedText(text)}
          disabled={!canSave}
        >
          {saving ? "Saving…" : "Save"}
        </Button>
        {preview?.ok && !current ? (
          <span className="text-xs text-slate-500">
            The text changed since the preview: preview it again before saving.
          </span>
        ) : null}
      </div>

      {saved && savedText === text ? <SaveResult state={saved} /> : null}
      {data ? <PastePreviewView preview={data} /> : null}
    </form>
  );
}

function SaveResult({ state }: { state: NonNullable<ActionState<PasteSaveResult>> }) {
  if (!state.ok) return <Notice tone="error">{state.error}</Notice>;
  const result = state.data!;
  return (
    <Notice tone="success">
      {state.message}{" "}
      {result.articleId ? (
        <Link href={`/articles/${result.articleId}`} className="font-medium underline">
          Open the article
        </Link>
      ) : null}
      {result.articleId ? " · " : null}
      <Link href={`/ingest/runs/${result.runId}`} className="font-medium underline">
        Run #{result.runId}
      </Link>
    </Notice>
  );
}

function PastePreviewView({ preview }: { preview: PastePreview }) {
  return (
    <section aria-labelledby="paste-preview" className="space-y-4">
      <h2 id="paste-preview" className="text-sm font-semibold text-slate-900">
        Preview: what will be saved
      </h2>
      {preview.errors.length > 0 ? (
        <Notice tone="error">
          <p className="font-medium">This paste cannot be saved:</p>
          <ul className="mt-1 list-disc pl-5">
            {preview.errors.map((error) => (
              <li key={error}>{error}</li>
            ))}
          </ul>
        </Notice>
      ) : null}
      {preview.warnings.length > 0 ? (
        <div className="rounded-md border border-amber-200 bg-amber-50 px-3 py-2 text-sm text-amber-900">
          <p className="font-medium">Check before saving:</p>
          <ul className="mt-1 list-disc pl-5">
            {preview.warnings.map((warning) => (
              <li key={warning}>{warning}</li>
            ))}
          </ul>
        </div>
      ) : null}
      {preview.main ? (
        <article aria-label="Main article" className="rounded-lg border border-slate-200 bg-white px-5 py-4">
          <div className="flex flex-wrap items-center gap-x-3 gap-y-1 text-xs text-slate-500">
            <span className="font-medium text-slate-700">{preview.main.outlet}</span>
            <span>{preview.main.source}</span>
            <time dateTime={preview.main.publishedDate}>{preview.main.day}</time>
            <span>
              {preview.main.paragraphCount} paragraph{preview.main.paragraphCount === 1 ? "" : "s"}
            </span>
            <Badge tone="green">Complete article</Badge>
          </div>
          <h3 className="mt-1.5 font-serif text-lg font-semibold text-slate-900">{preview.main.title}</h3>
          <div className="mt-2 space-y-2 font-serif text-sm leading-6 text-slate-800">
            <p>{preview.main.firstParagraph}</p>
            {preview.main.paragraphCount > 2 ? (
              <p className="text-slate-400" aria-label={`${preview.main.paragraphCount - 2} more paragraphs`}>
                …
              </p>
            ) : null}
            {preview.main.paragraphCount > 1 ? <p>{preview.main.lastParagraph}</p> : null}
          </div>
        </article>
      ) : null}
      {preview.more.length > 0 ? (
        <section aria-labelledby="paste-more" className="rounded-lg border border-slate-200 bg-white">
          <h3 id="paste-more" className="border-b border-slate-200 px-5 py-2 text-sm font-semibold text-slate-900">
            More From {preview.more[0].outlet}: {preview.more.length} teaser{preview.more.length === 1 ? "" : "s"}
          </h3>
          <ol className="divide-y divide-slate-100" aria-label="More From entries">
            {preview.more.map((entry, index) => (
              <li key={index} className="grid grid-cols-[6.5rem_1fr] gap-3 px-5 py-2">
                <time dateTime={entry.publishedDate} className="pt-0.5 text-xs text-slate-500 tabular-nums">
                  {entry.day}
                </time>
                <div className="min-w-0">
                  <div className="flex flex-wrap items-center gap-2">
                    <span className="text-sm font-medium text-slate-900">{entry.title}</span>
                    <Badge tone="amber">Teaser: incomplete until the full text arrives</Badge>
                  </div>
                  <p className="mt-0.5 line-clamp-2 text-xs text-slate-500">{entry.teaser}</p>
                </div>
              </li>
            ))}
          </ol>
        </section>
      ) : null}
    </section>
  );
}
