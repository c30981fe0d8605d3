"use client";

import Link from "next/link";
import { useActionState, useState } from "react";
import { previewPasteAction, savePasteAction } from "@/lib/actions/ingest";
import type { ActionState } from "@/lib/actions/run-action";
import type { PastePreview } from "@/lib/ingest/paste/paste-items";
import type { PasteSaveResult } from "@/lib/ingest/paste/save-paste";
import { Button } from "@/components/ui/button";
import { Field, Textarea } from "@/components/ui/field";
import { Notice } from "@/components/ui/notice";
import { describePasteContents, PastePreviewView } from "@/components/ingest/paste-preview";

export function PastePanel() {
  // Controlled, so the paste survives React's reset of the form after each action.
  const [text, setText] = useState("");
  const [previewedText, setPreviewedText] = useState<string | null>(null);
  const [savedText, setSavedText] = useState<string | null>(null);
  const [confirmTeasers, setConfirmTeasers] = useState(false);
  const [preview, previewAction, previewing] = useActionState<ActionState<PastePreview>, FormData>(
    previewPasteAction,
    null,
  );
  const [saved, saveAction, saving] = useActionState<ActionState<PasteSaveResult>, FormData>(savePasteAction, null);

  const current = previewedText === text;
  const data = preview?.ok && current ? preview.data : undefined;
  const savable = Boolean(data && data.articles.length > 0 && data.errors.length === 0);
  const canSave = savable && (!data?.teasersOnly || confirmTeasers) && !previewing && !saving;
  const inputError = preview && !preview.ok && current ? preview.error : undefined;

  return (
    <form action={previewAction} aria-label="Paste a page" className="max-w-4xl space-y-4">
      <p className="text-sm text-slate-600">
        Copy one or more article pages from the KCNA Watch aggregator (the title, the{" "}
        <code>Date: dd/mm/yyyy | Source: …</code> line, the text up to <code>-0-</code>, and the “More From” list if you
        like), or a “More From” list alone, and paste them below. Preview, check every article, then save.
      </p>
      <Field label="Pasted page" error={inputError}>
        {(props) => (
          <Textarea
            name="text"
            value={text}
            onChange={(event) => {
              setText(event.target.value);
              setConfirmTeasers(false);
            }}
            rows={12}
            spellCheck={false}
            className="font-mono text-xs leading-5"
            {...props}
          />
        )}
      </Field>
      {data?.teasersOnly && savable ? (
        <div className="rounded-md border border-amber-200 bg-amber-50 px-3 py-2 text-sm text-amber-900">
          <p>
            This paste has no full article, only {describePasteContents(data)}: titles and first lines the aggregator
            cut short. They are stored as incomplete and completed when their full text is pasted or fetched.
          </p>
          <label className="mt-1.5 flex items-center gap-2 font-medium">
            <input
              type="checkbox"
              name="confirmTeasers"
              checked={confirmTeasers}
              onChange={(event) => setConfirmTeasers(event.target.checked)}
              className="accent-accent-600"
            />
            Store the {describePasteContents(data)}
          </label>
        </div>
      ) : null}
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
          {/* In a span: the server renders the action's hidden fields inside the button, and replacing the
              button's text on the client would wipe them, breaking a submission without JavaScript. */}
          <span>{saving ? "Saving…" : savable && data ? `Save ${describePasteContents(data)}` : "Save"}</span>
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
  const { articles, runId } = state.data!;
  return (
    <Notice tone="success">
      {state.message}{" "}
      {articles.length === 1 ? (
        <Link href={`/articles/${articles[0].id}`} className="font-medium underline">
          Open the article
        </Link>
      ) : (
        articles.map((article) => (
          <span key={article.id}>
            <Link href={`/articles/${article.id}`} className="font-medium underline">
              {article.title}
            </Link>
            {" · "}
          </span>
        ))
      )}
      {articles.length === 1 ? " · " : null}
      <Link href={`/ingest/runs/${runId}`} className="font-medium underline">
        Run #{runId}
      </Link>
    </Notice>
  );
}
