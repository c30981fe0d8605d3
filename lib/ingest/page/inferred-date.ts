import { parseDateline } from "@/lib/ingest/paste/paste-dates";

// The day of an article whose page has no date metadata, as state-media sites publish them: the address
// carries the date (Rodong Sinmun's newsID=2021-06-17-0001, kcna.co.jp's /20160104-07ee.html, /2024/01/02/),
// or the story's dateline gives the month and day ("Pyongyang, January 2 (KCNA) --") and the page prints
// the full date beside the headline ("[2024.01.02.]", as www.kcna.kp does). A day without a time, at 00:00 UTC,
// as the rest of the app stores day-only dates. Null rather than a guess when neither is there.

function day(year: number, month: number, date: number): Date | null {
  if (year < 1945 || year > 2200 || month < 1 || month > 12 || date < 1 || date > 31) return null;
  const value = new Date(Date.UTC(year, month - 1, date));
  return value.getUTCMonth() === month - 1 ? value : null;
}

const URL_DATES = [
  /[?&]newsID=(\d{4})-(\d{2})-(\d{2})\b/i,
  /\/(\d{4})(\d{2})(\d{2})[-_.][^/]*$/,
  /\/(\d{4})\/(\d{1,2})\/(\d{1,2})\//,
  /\/(\d{4})-(\d{2})-(\d{2})[/-]/,
];

export function dateFromUrl(url: string): Date | null {
  for (const pattern of URL_DATES) {
    const match = pattern.exec(url);
    if (match) return day(Number(match[1]), Number(match[2]), Number(match[3]));
  }
  return null;
}

const PRINTED = /\[(\d{4})\.(\d{1,2})\.(\d{1,2})\.?\]|(\d{4})-(\d{2})-(\d{2})/g;

/** The year printed on the page next to a day matching the dateline's month and day. */
export function dateFromDateline(text: string, pageText: string): Date | null {
  const dateline = parseDateline(text.split("\n")[0] ?? "");
  if (!dateline) return null;
  const { month, day: date } = dateline;
  for (const match of pageText.matchAll(PRINTED)) {
    const [year, m, d] = (match[1] ? match.slice(1, 4) : match.slice(4, 7)).map(Number);
    if (m === month && d === date) return day(year, m, d);
  }
  return null;
}

export function inferPublishedDay(url: string, text: string, pageText: string): Date | null {
  return dateFromUrl(url) ?? dateFromDateline(text, pageText);
}
