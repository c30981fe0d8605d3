import { formatPublished } from "@/lib/format";

// An article's publication time in the analyst's zone. `undated`: the source gave no date, and this is
// when Presswatch first saw the item; the marker says so wherever the date is shown.
export function PublishedTime({
  date,
  timeZone,
  className,
  undated = false,
}: {
  date: Date;
  timeZone: string;
  className?: string;
  undated?: boolean;
}) {
  const { label, title } = formatPublished(date, timeZone);
  const time = (
    <time dateTime={date.toISOString()} title={title} className={className}>
      {label}
    </time>
  );
  if (!undated) return time;
  return (
    <span title={`The source gave no date; Presswatch first saw the item ${title}`}>
      {time}{" "}
      <span className="inline-block rounded bg-amber-50 px-1 text-[10px] leading-4 font-medium whitespace-nowrap text-amber-800 ring-1 ring-amber-200">
        no date: first seen
      </span>
    </span>
  );
}
