import type { IngestKind, IngestStatus } from "@/lib/generated/prisma/enums";
import { Badge } from "@/components/ui/badge";

export const KIND_LABELS: Record<IngestKind, string> = {
  FEED: "Feed",
  PAGE: "Page",
  PASTE: "Paste",
  FILE: "File",
  API: "API",
};

const STATUS = {
  RUNNING: { tone: "accent", label: "Running" },
  SUCCEEDED: { tone: "green", label: "Succeeded" },
  PARTIAL: { tone: "amber", label: "Partly failed" },
  FAILED: { tone: "red", label: "Failed" },
} as const satisfies Record<IngestStatus, { tone: "accent" | "green" | "amber" | "red"; label: string }>;

export function RunStatusBadge({ status }: { status: IngestStatus }) {
  return <Badge tone={STATUS[status].tone}>{STATUS[status].label}</Badge>;
}
