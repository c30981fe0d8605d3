import type { ReviewStatus } from "@/lib/generated/prisma/enums";
import { Badge } from "@/components/ui/badge";

const LABELS: Record<ReviewStatus, { label: string; tone: "neutral" | "green" | "amber" }> = {
  NEW: { label: "New", tone: "neutral" },
  REVIEWED: { label: "Reviewed", tone: "green" },
  FLAGGED: { label: "Flagged", tone: "amber" },
};

export function ReviewStatusBadge({ status }: { status: ReviewStatus }) {
  const { label, tone } = LABELS[status];
  return <Badge tone={tone}>{label}</Badge>;
}
