import "server-only";
import type { Actor } from "@/lib/data/actor";
import type { SavedViewItem } from "@/lib/data/views";
import { getWatch, saveWatch, unwatch, type WatchItem } from "@/lib/data/watches";
import type { WatchSettingsInput } from "@/lib/validation/watches";

// What /api/v1/views answers for a view: the view, and the caller's watch of it (or null).

export type ApiView = Omit<SavedViewItem, "owner"> & { owner: { id: number; name: string }; watch: WatchItem | null };

export function toApiView(view: SavedViewItem, watch: WatchItem | null): ApiView {
  return { ...view, watch };
}

/** Applies a request's `watch`: null stops watching, settings are merged over the current ones. */
export async function applyWatch(
  viewId: number,
  watch: Partial<WatchSettingsInput> | null | undefined,
  actor: Actor,
): Promise<WatchItem | null> {
  if (watch === undefined) return getWatch(viewId, actor);
  if (watch === null) {
    await unwatch(viewId, actor);
    return null;
  }
  const current = await getWatch(viewId, actor);
  const base: Partial<WatchSettingsInput> = current
    ? {
        email: current.email,
        emailFrequency: current.emailFrequency,
        digestHour: current.digestHour,
        digestWeekday: current.digestWeekday,
        webhookUrl: current.webhookUrl,
        spike: current.spike,
        spikeK: current.spikeK,
        spikeMinCount: current.spikeMinCount,
        silenceDays: current.silenceDays,
      }
    : {};
  return saveWatch(viewId, { ...base, ...watch }, actor);
}
