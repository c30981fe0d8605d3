// Dates written the Korean, Japanese and Chinese way: "2004년 05월 28일 01:31:15", "2004-05-25 오후 11:23:17",
// "2004年5月28日（金）午後3時20分", "2004年05月28日 星期五 下午 3:20". Without a zone they are taken as
// UTC+9, the time of Korea and Japan and of the Pyongyang outlets' Chinese and Japanese editions (feedparser
// reads Korean forms the same way).
import { buildDate, readZone, type DateParts, type Zone } from "./date-parts";

const EAST_ASIAN_SCRIPT = /[\p{Script=Hangul}\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}]/u;
const DEFAULT_ZONE: Zone = { offset: 9 * 60 };

const WEEKDAY =
  /[(（]?(?:[월화수목금토일]요일|[日月火水木金土]曜日?|(?:星期|礼拜|禮拜|周|週)[一二三四五六日天])[)）]?|[(（][월화수목금토일日月火水木金土][)）]/gu;
const DATE = /(\d{4})\s*[년年.\/-]\s*(\d{1,2})\s*[월月.\/-]\s*(\d{1,2})\s*[일日号號.]?/u;
const TIME =
  /(오전|오후|上午|下午|午前|午後|[AaPp][Mm])?\s*(\d{1,2})\s*(?::|시|時|时|点|點)\s*(?:(\d{1,2})\s*(?:분|分)?\s*(?::?\s*(\d{1,2})\s*(?:초|秒)?)?)?\s*(오전|오후|[AaPp][Mm])?/u;
const AFTERNOON = new Set(["오후", "下午", "午後", "pm"]);
const MORNING = new Set(["오전", "上午", "午前", "am"]);

/** The instant, null when the date is impossible, undefined when the text is not written this way. */
export function parseEastAsianDate(text: string): Date | null | undefined {
  if (!EAST_ASIAN_SCRIPT.test(text)) return undefined;
  const withoutWeekday = text.replace(WEEKDAY, " ");
  const date = withoutWeekday.match(DATE);
  if (!date) return undefined;
  const parts: DateParts = { year: +date[1], month: +date[2], day: +date[3], zone: DEFAULT_ZONE };
  const rest = withoutWeekday.slice(date.index! + date[0].length);
  const time = rest.match(TIME);
  if (time) {
    const meridiem = (time[1] ?? time[5])?.toLowerCase();
    const hours = +time[2];
    if (meridiem && hours > 12) return null;
    parts.hours =
      AFTERNOON.has(meridiem ?? "") && hours < 12
        ? hours + 12
        : MORNING.has(meridiem ?? "") && hours === 12
          ? 0
          : hours;
    parts.minutes = +(time[3] ?? 0);
    parts.seconds = +(time[4] ?? 0);
  }
  const zone = rest
    .slice(time ? time.index! + time[0].length : 0)
    .trim()
    .split(/\s+/)[0];
  if (zone) {
    const read = readZone(zone.replace(/^\(|\)$/g, ""));
    if (read) parts.zone = read;
  }
  return buildDate(parts);
}
