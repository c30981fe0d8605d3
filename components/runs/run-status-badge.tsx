import type { IngestKind, IngestStatus } from "@/lib/generated/prisma/enums";
import { Badge } from "@/components/ui/badge";

// How a run's kind and status read everywhere runs are listed (ingest history, a run's page, sources).

export const KIND_LABELS: Record<IngestKind, string> = {
  FEED: "Feed",
  PAGE: "Page",
  PASTE: "Paste",
  FILE: "File",
  API: "API",
};

const STATUS = {
  RUNNING: { tone: "accent", label: "Running", title: "Still working." },
  SUCCEEDED: { tone: "green", label: "Succeeded", title: "Every item was stored or already there." },
  PARTIAL: { tone: "amber", label: "Partly failed", title: "Some items failed; the rest were stored." },
  FAILED: { tone: "red", label: "Failed", title: "Nothing could be stored." },
  INTERRUPTED: {
    tone: "amber",
    label: "Interrupted",
    title: "Stopped before the end; what it stored stays, and its counts are what was stored.",
  },
} as const satisfies Record<IngestStatus, { tone: "accent" | "green" | "amber" | "red"; label: string; title: string }>;

export function RunStatusBadge({ status }: { status: IngestStatus }) {
  return (
    <Badge tone={STATUS[status].tone} title={STATUS[status].title}>
      {STATUS[status].label}
    </Badge>
  );
}
