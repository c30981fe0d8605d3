import { formatPublished } from "@/lib/format";

export function PublishedTime({ date, timeZone, className }: { date: Date; timeZone: string; className?: string }) {
  const { label, title } = formatPublished(date, timeZone);
  return (
    <time dateTime={date.toISOString()} title={title} className={className}>
      {label}
    </time>
  );
}
