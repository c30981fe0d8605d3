import type { IngestStatus } from "@/lib/generated/prisma/enums";
import { Badge } from "@/components/ui/badge";

const LOOK: Record<IngestStatus, { tone: "neutral" | "accent" | "green" | "amber" | "red"; label: string }> = {
  RUNNING: { tone: "accent", label: "Running" },
  SUCCEEDED: { tone: "green", label: "Succeeded" },
  PARTIAL: { tone: "amber", label: "Partial" },
  FAILED: { tone: "red", label: "Failed" },
};

export function RunStatusBadge({ status }: { status: IngestStatus }) {
  return <Badge tone={LOOK[status].tone}>{LOOK[status].label}</Badge>;
}
