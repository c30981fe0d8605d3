"use client";

import { formatIsoDay, parseDay } from "@/lib/validation/article-filter";
import { Input } from "@/components/ui/field";

/** A compact date field for one end of a range: shows the UTC day, reports a real day or undefined when cleared. */
export function DateInput({
  label,
  value,
  onChange,
}: {
  label: string;
  value?: Date;
  onChange: (day: Date | undefined) => void;
}) {
  return (
    <Input
      type="date"
      aria-label={label}
      defaultValue={value ? formatIsoDay(value) : ""}
      key={value?.getTime() ?? "none"}
      onChange={(event) => {
        const day = event.target.value ? parseDay(event.target.value) : undefined;
        if (day !== null) onChange(day);
      }}
      className="h-7 w-32 py-0 text-xs"
    />
  );
}
