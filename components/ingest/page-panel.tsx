"use client";

import Link from "next/link";
import { useActionState, useState } from "react";
import { fetchPageAction, savePageAction } from "@/lib/actions/ingest";
import type { ActionState } from "@/lib/actions/run-action";
import type { PagePreview, PageSaveResult } from "@/lib/ingest/page/save-page";
import { Button } from "@/components/ui/button";
import { Field, Input, Select } from "@/components/ui/field";
import { Notice } from "@/components/ui/notice";

export function PagePanel() {
  const [url, setUrl] = useState("");
  const [fetchedUrl, setFetchedUrl] = useState<string | null>(null);
  const [preview, fetchAction, fetching] = useActionState<ActionState<PagePreview>, FormData>(fetchPageAction, null);
  const current = fetchedUrl === url && !fetching;

  return (
    <div className="max-w-4xl space-y-4">
      <form action={fetchAction} aria-label="Fetch an article page" className="space-y-2">
        <p className="text-sm text-slate-600">
          Paste the address of one article. Presswatch fetches the page, extracts the article text and shows it before
          anything is saved.
        </p>
        <div className="flex items-end gap-2">
          <Field label="Article address" className="flex-1">
            {(props) => (
              <Input
                name="url"
                type="url"
                inputMode="url"
                placeholder="https://…"
                value={url}
                onChange={(event) => setUrl(event.target.value)}
                required
                {...props}
              />
            )}
          </Field>
          <Button type="submit" onClick={() => setFetchedUrl(url)} disabled={fetching || url.trim() === ""}>
            {fetching ? "Fetching…" : "Fetch"}
          </Button>
        </div>
      </form>
      {fetching ? (
        <p role="status" className="text-sm text-slate-500">
          Fetching and extracting the page…
        </p>
      ) : null}
      {current && preview && !preview.ok ? <Notice tone="error">{preview.error}</Notice> : null}
      {current && preview?.ok && preview.data ? (
        <SavePageForm key={preview.data.url + preview.data.title} preview={preview.data} />
      ) : null}
    </div>
  );
}

function SavePageForm({ preview }: { preview: PagePreview }) {
  const [source, setSource] = useState(preview.source.name);
  const [saved, saveAction, saving] = useActionState<ActionState<PageSaveResult>, FormData>(savePageAction, null);
  return (
    <form action={saveAction} aria-label="Save the article" className="space-y-4">
      <input type="hidden" name="url" value={preview.url} />
      <section aria-labelledby="page-preview" className="rounded-lg border border-slate-200 bg-white px-5 py-4">
        <h2 id="page-preview" className="sr-only">
          Extracted article
        </h2>
        <dl className="grid grid-cols-[auto_1fr] gap-x-4 gap-y-0.5 text-xs">
          <dt className="text-slate-500">Address</dt>
          <dd className="truncate text-slate-700">{preview.url}</dd>
          <dt className="text-slate-500">Byline</dt>
          <dd className="text-slate-700">{preview.byline ?? "None found"}</dd>
          <dt className="text-slate-500">Published</dt>
          <dd className="text-slate-700">
            {preview.published ? (
              <time dateTime={preview.published}>{preview.publishedLabel}</time>
            ) : (
              "Not given on the page"
            )}
          </dd>
          <dt className="text-slate-500">Language</dt>
          <dd className="text-slate-700">{preview.language ?? "Not declared (stored as English)"}</dd>
          {preview.siteName ? (
            <>
              <dt className="text-slate-500">Site</dt>
              <dd className="text-slate-700">{preview.siteName}</dd>
            </>
          ) : null}
        </dl>
        <h3 className="mt-3 font-serif text-lg font-semibold text-slate-900">{preview.title}</h3>
        <div className="mt-2 space-y-2 font-serif text-sm leading-6 text-slate-800">
          {preview.paragraphs.map((paragraph, index) => (
            <p key={index}>{paragraph}</p>
          ))}
        </div>
        <p className="mt-2 text-xs text-slate-500">
          {preview.paragraphCount > preview.paragraphs.length
            ? `The first ${preview.paragraphs.length} of ${preview.paragraphCount} paragraphs.`
            : `${preview.paragraphCount} paragraph${preview.paragraphCount === 1 ? "" : "s"}.`}
        </p>
      </section>
      {preview.warnings.length > 0 ? (
        <ul className="list-disc rounded-md border border-amber-200 bg-amber-50 py-2 pr-3 pl-8 text-sm text-amber-900">
          {preview.warnings.map((warning) => (
            <li key={warning}>{warning}</li>
          ))}
        </ul>
      ) : null}
      <div className="flex items-end gap-2">
        <Field
          label="Source"
          hint={
            preview.source.known
              ? "Guessed from the page's address; change it if it is wrong."
              : "No registered source matches this site: a new one will be created."
          }
          className="w-80"
        >
          {(props) => (
            <Select name="source" value={source} onChange={(event) => setSource(event.target.value)} {...props}>
              {preview.source.known ? null : (
                <option value={preview.source.name}>{preview.source.name} (new source)</option>
              )}
              {preview.sources.map((name) => (
                <option key={name} value={name}>
                  {name}
                </option>
              ))}
            </Select>
          )}
        </Field>
        <Button type="submit" variant="primary" disabled={saving} className="mb-5">
          {saving ? "Saving…" : "Save"}
        </Button>
      </div>
      {saved && !saved.ok ? <Notice tone="error">{saved.error}</Notice> : null}
      {saved?.ok && saved.data ? (
        <Notice tone="success">
          {saved.message}{" "}
          {saved.data.articleId ? (
            <Link href={`/articles/${saved.data.articleId}`} className="font-medium underline">
              Open the article
            </Link>
          ) : null}
          {saved.data.articleId ? " · " : null}
          <Link href={`/ingest/runs/${saved.data.runId}`} className="font-medium underline">
            Run #{saved.data.runId}
          </Link>
        </Notice>
      ) : null}
    </form>
  );
}
