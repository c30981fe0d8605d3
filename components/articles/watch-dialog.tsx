"use client";

import { useActionState, useEffect, useState, useTransition } from "react";
import { saveWatchAction, unwatchAction } from "@/lib/actions/watches";
import type { ActionState } from "@/lib/actions/run-action";
import type { WatchItem } from "@/lib/data/watches";
import { Button } from "@/components/ui/button";
import { Dialog, DialogContent } from "@/components/ui/dialog";
import { Input } from "@/components/ui/field";

// A saved view's watch settings: in the app always; by email immediately or as a digest at a local hour; by
// webhook (signed with the secret shown here); spike and silence alerts. The delivery log below shows what
// was sent and what each receiver answered.

const WEEKDAYS = ["Sunday", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday"];

type Delivery = {
  id: string;
  channel: string;
  kind: string;
  status: string;
  articles: number;
  attempts: number;
  lastStatusCode: number | null;
  lastError: string | null;
  createdAt: string;
  sentAt: string | null;
};

export function WatchDialog({
  viewId,
  viewName,
  watch,
  timeZone,
  open,
  onOpenChange,
}: {
  viewId: number;
  viewName: string;
  watch: WatchItem | null;
  timeZone: string;
  open: boolean;
  onOpenChange: (open: boolean) => void;
}) {
  const [state, action, pending] = useActionState(
    async (previous: ActionState<{ watch: WatchItem }>, form: FormData) => {
      const result = await saveWatchAction(previous, form);
      if (result.ok) onOpenChange(false);
      return result;
    },
    null,
  );
  const [frequency, setFrequency] = useState(watch?.emailFrequency ?? "IMMEDIATE");
  const [removing, startRemoving] = useTransition();
  return (
    <Dialog open={open} onOpenChange={onOpenChange}>
      <DialogContent
        title={`Watch “${viewName}”`}
        description="New articles matching this view show as new in the rail. Choose how else to be told."
      >
        <form action={action} className="space-y-3 text-sm" aria-label="Watch settings">
          <input type="hidden" name="viewId" value={viewId} />
          <fieldset className="space-y-1.5">
            <legend className="font-medium text-slate-800">Email</legend>
            <label className="flex items-center gap-2">
              <input
                type="checkbox"
                name="email"
                defaultChecked={watch?.email ?? false}
                className="accent-accent-600"
              />
              Email me the brief of new matches
            </label>
            <div className="flex flex-wrap items-center gap-2 pl-5">
              <select
                name="emailFrequency"
                aria-label="How often"
                value={frequency}
                onChange={(event) => setFrequency(event.target.value as typeof frequency)}
                className="h-7 rounded border border-slate-300 bg-white px-1.5 text-xs"
              >
                <option value="IMMEDIATE">Immediately (batched by the minute)</option>
                <option value="HOURLY">Hourly digest</option>
                <option value="DAILY">Daily digest</option>
                <option value="WEEKLY">Weekly digest</option>
              </select>
              {frequency === "WEEKLY" ? (
                <select
                  name="digestWeekday"
                  aria-label="Day of the week"
                  defaultValue={watch?.digestWeekday ?? 1}
                  className="h-7 rounded border border-slate-300 bg-white px-1.5 text-xs"
                >
                  {WEEKDAYS.map((day, i) => (
                    <option key={day} value={i}>
                      {day}
                    </option>
                  ))}
                </select>
              ) : null}
              {frequency === "DAILY" || frequency === "WEEKLY" ? (
                <label className="flex items-center gap-1 text-xs text-slate-600">
                  at
                  <select
                    name="digestHour"
                    aria-label="Hour"
                    defaultValue={watch?.digestHour ?? 8}
                    className="h-7 rounded border border-slate-300 bg-white px-1.5 text-xs"
                  >
                    {Array.from({ length: 24 }, (_, h) => (
                      <option key={h} value={h}>
                        {String(h).padStart(2, "0")}:00
                      </option>
                    ))}
                  </select>
                  ({timeZone})
                </label>
              ) : null}
            </div>
          </fieldset>
          <fieldset className="space-y-1.5">
            <legend className="font-medium text-slate-800">Webhook</legend>
            <Input
              name="webhookUrl"
              type="url"
              aria-label="Webhook URL"
              placeholder="https://example.org/hooks/presswatch"
              defaultValue={watch?.webhookUrl ?? ""}
              className="h-7 text-xs"
            />
            {watch?.webhookSecret ? (
              <p className="text-xs text-slate-600">
                Signed with <code className="rounded bg-slate-100 px-1">{watch.webhookSecret}</code> as{" "}
                <code>X-Presswatch-Signature: sha256=…</code>
              </p>
            ) : null}
          </fieldset>
          <fieldset className="space-y-1.5">
            <legend className="font-medium text-slate-800">Alerts</legend>
            <label className="flex items-center gap-2">
              <input
                type="checkbox"
                name="spike"
                defaultChecked={watch?.spike ?? false}
                className="accent-accent-600"
              />
              Spike: a day well above the last 28 days
            </label>
            <input type="hidden" name="spikeK" value={watch?.spikeK ?? 3} />
            <input type="hidden" name="spikeMinCount" value={watch?.spikeMinCount ?? 5} />
            <label className="flex items-center gap-2">
              Silence: tell me after
              <Input
                name="silenceDays"
                type="number"
                min={1}
                max={365}
                aria-label="Days of silence"
                defaultValue={watch?.silenceDays ?? ""}
                className="h-7 w-16 text-xs"
              />
              days without a match
            </label>
          </fieldset>
          {state && !state.ok ? (
            <p role="alert" className="text-xs text-red-700">
              {state.error}
            </p>
          ) : null}
          <div className="flex items-center gap-2">
            <Button type="submit" size="sm" variant="primary" disabled={pending}>
              {pending ? "Saving…" : watch ? "Save" : "Watch"}
            </Button>
            {watch ? (
              <Button
                size="sm"
                variant="ghost"
                disabled={removing}
                onClick={() =>
                  startRemoving(async () => {
                    const result = await unwatchAction(null, { viewId });
                    if (result.ok) onOpenChange(false);
                  })
                }
              >
                Stop watching
              </Button>
            ) : null}
          </div>
        </form>
        {watch && open ? <DeliveryLog viewId={viewId} timeZone={timeZone} /> : null}
      </DialogContent>
    </Dialog>
  );
}

function DeliveryLog({ viewId, timeZone }: { viewId: number; timeZone: string }) {
  const [deliveries, setDeliveries] = useState<Delivery[] | null>(null);
  const [failed, setFailed] = useState(false);
  useEffect(() => {
    let live = true;
    fetch(`/api/watches/${viewId}/deliveries`)
      .then((response) => (response.ok ? response.json() : Promise.reject(new Error(String(response.status)))))
      .then((body: { deliveries: Delivery[] }) => live && setDeliveries(body.deliveries))
      .catch(() => live && setFailed(true));
    return () => {
      live = false;
    };
  }, [viewId]);
  const time = new Intl.DateTimeFormat("en-GB", { timeZone, dateStyle: "short", timeStyle: "short" });
  return (
    <section aria-label="Delivery log" className="mt-4 border-t border-slate-200 pt-3">
      <h3 className="mb-1 text-xs font-semibold text-slate-700">Delivery log</h3>
      {failed ? <p className="text-xs text-red-700">The log could not be loaded.</p> : null}
      {!deliveries && !failed ? <p className="text-xs text-slate-500">Loading…</p> : null}
      {deliveries && !deliveries.length ? <p className="text-xs text-slate-500">Nothing sent yet.</p> : null}
      {deliveries?.length ? (
        <table className="w-full text-left text-xs">
          <thead className="text-slate-500">
            <tr>
              <th className="font-normal">When</th>
              <th className="font-normal">Channel</th>
              <th className="font-normal">Articles</th>
              <th className="font-normal">Status</th>
            </tr>
          </thead>
          <tbody>
            {deliveries.map((d) => (
              <tr key={d.id} className="border-t border-slate-100">
                <td>{time.format(new Date(d.sentAt ?? d.createdAt))}</td>
                <td>
                  {d.kind === "MATCHES"
                    ? d.channel.toLowerCase()
                    : `${d.channel.toLowerCase()} (${d.kind.toLowerCase()})`}
                </td>
                <td className="tabular-nums">{d.articles}</td>
                <td title={d.lastError ?? undefined}>
                  {d.status.toLowerCase()}
                  {d.lastStatusCode ? ` · ${d.lastStatusCode}` : ""}
                  {d.attempts > 1 ? ` · ${d.attempts} tries` : ""}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : null}
    </section>
  );
}
