"use server";

import { revalidatePath } from "next/cache";
import {
  createFeedSource,
  deleteFeedSource,
  getFeedSource,
  recordPollRequest,
  setFeedSourceActive,
  updateFeedSource,
} from "@/lib/data/sources";
import { InvalidError, NotFoundError } from "@/lib/errors";
import { checkFeed, FeedCheckError } from "@/lib/ingest/feed/fetch-feed";
import { FeedParseError } from "@/lib/ingest/feed/parse";
import { FetchError } from "@/lib/ingest/fetch/safe-fetch";
import { sendFeedPoll } from "@/lib/jobs/send";
import { POLL_LEASE_MS } from "@/lib/constants";
import { getWorkerStatus } from "@/lib/data/workers";
import { formatCount } from "@/lib/format";
import { defineAction } from "@/lib/actions/define-action";
import type { ActionResult } from "@/lib/actions/run-action";
import {
  setSourceActiveSchema,
  sourceFormSchema,
  sourceIdSchema,
  testFeedSchema,
  updateSourceSchema,
} from "@/lib/validation/sources";

const PAGE = "/admin/sources";

export const createSourceAction = defineAction(
  { permission: "sources:manage", schema: sourceFormSchema },
  async ({ actor, input }): Promise<ActionResult> => {
    const { earlierArticles } = await createFeedSource(actor, input);
    revalidatePath(PAGE);
    const earlier = earlierArticles ? ` Its ${formatCount(earlierArticles)} earlier articles stay with it.` : "";
    // A new feed is tried at once, so a wrong address shows now rather than as a failed poll later.
    const tested = input.url ? await describeFeedCheck(input.url) : "";
    return {
      ok: true,
      message: `Added ${input.name}.${input.active ? " It is polled within a minute." : ""}${earlier}${tested}`,
    };
  },
);

export const updateSourceAction = defineAction(
  { permission: "sources:manage", schema: updateSourceSchema },
  async ({ actor, input: { sourceId, ...input } }): Promise<ActionResult> => {
    await updateFeedSource(actor, sourceId, input);
    revalidatePath(PAGE);
    return { ok: true, message: `Saved ${input.name}.` };
  },
);

export const setSourceActiveAction = defineAction(
  { permission: "sources:manage", schema: setSourceActiveSchema },
  async ({ actor, input }): Promise<ActionResult> => {
    const { name } = await setFeedSourceActive(actor, input.sourceId, input.active);
    revalidatePath(PAGE);
    return { ok: true, message: input.active ? `${name} resumed.` : `${name} paused.` };
  },
);

export const pollSourceNowAction = defineAction(
  { permission: "sources:manage", schema: sourceIdSchema },
  async ({ actor, input: { sourceId } }): Promise<ActionResult> => {
    const source = await getFeedSource(sourceId);
    if (!source) throw new NotFoundError("That feed source does not exist.");
    const since = source.pollingSince ? Date.now() - source.pollingSince.getTime() : null;
    if (since !== null && since < POLL_LEASE_MS) {
      // The running poll renews its lease as it goes; a new request now would only be skipped.
      return { ok: true, message: `${source.name} is being polled right now; its results appear here when it ends.` };
    }
    const { queued } = await sendFeedPoll(sourceId, { triggeredById: actor.id });
    await recordPollRequest(actor, sourceId, source, queued);
    revalidatePath(PAGE);
    const worker = await getWorkerStatus();
    const warning = worker.running ? "" : " No worker is running, though: start one with npm run worker.";
    return { ok: true, message: `${queued ? "Poll queued" : "A poll is already waiting"}.${warning}` };
  },
);

export const deleteSourceAction = defineAction(
  { permission: "sources:manage", schema: sourceIdSchema },
  async ({ actor, input: { sourceId } }): Promise<ActionResult> => {
    const { name } = await deleteFeedSource(actor, sourceId);
    revalidatePath(PAGE);
    return { ok: true, message: `Deleted ${name}.` };
  },
);

/** " Tested: 20 items, newest: ..." or " Tested: it failed: <why>." for the message of a new source. */
async function describeFeedCheck(url: string): Promise<string> {
  try {
    const check = await checkFeed(url);
    const newest = check.newest ? `, newest: ${check.newest.title}` : "";
    return ` Tested: ${formatCount(check.itemCount)} item${check.itemCount === 1 ? "" : "s"}${newest}.`;
  } catch (error) {
    if (error instanceof FetchError || error instanceof FeedParseError || error instanceof FeedCheckError)
      return ` Tested: it failed: ${error.message}`;
    throw error;
  }
}

/** Fetches and parses the feed at the form's URL without saving anything, so the admin sees it works first. */
export const testFeedAction = defineAction(
  { permission: "sources:manage", schema: testFeedSchema },
  async ({ input: { url } }): Promise<ActionResult> => {
    try {
      const check = await checkFeed(url);
      const newest = check.newest ? `, newest: ${check.newest.title}` : "";
      return {
        ok: true,
        message: `OK: ${formatCount(check.itemCount)} item${check.itemCount === 1 ? "" : "s"}${newest}`,
      };
    } catch (error) {
      // Fetch and parse failures are what the admin asked about: their messages are written to be shown.
      if (error instanceof FetchError || error instanceof FeedParseError || error instanceof FeedCheckError) {
        throw new InvalidError(error.message, { url: [error.message] });
      }
      throw error;
    }
  },
);
