// Hand-rolled because `Date.parse` is too lenient (it accepts "April 25" and rolls 2021-02-30 over
// into March) and its treatment of zone-less date-times differs between engines, while Scale's
// Python SDK sends zone-less date-times with microseconds that must mean UTC.
const ISO_DATE_TIME =
  /^(\d{4})-(\d{2})-(\d{2})(?:[Tt ](\d{2}):(\d{2})(?::(\d{2})(?:[.,](\d+))?)?(Z|z|[+-]\d{2}(?::?\d{2})?)?)?$/;

const daysInMonth = (year: number, month: number): number => {
  const lastDay = new Date(0);
  // Day 0 of the next month is the last day of this one (month is 1-based, the API 0-based).
  lastDay.setUTCFullYear(year, month, 0);
  return lastDay.getUTCDate();
};

const offsetMinutes = (offset: string | undefined): number | null => {
  if (offset === undefined || offset === "Z" || offset === "z") return 0;
  const sign = offset.startsWith("-") ? -1 : 1;
  const digits = offset.slice(1).replace(":", "");
  const hours = Number(digits.slice(0, 2));
  const minutes = digits.length > 2 ? Number(digits.slice(2)) : 0;
  if (hours > 23 || minutes > 59) return null;
  return sign * (hours * 60 + minutes);
};

/**
 * Parses an ISO-8601 calendar date (`2021-04-25`, midnight UTC), a date-time with an offset
 * (`2021-04-25T03:14:15-07:00`), or a zone-less date-time (`2021-04-25T03:14:15.123456`, read
 * as UTC). Fractions beyond milliseconds are truncated. Returns null for anything else.
 */
export const parseIsoDateTime = (input: string): Date | null => {
  const match = ISO_DATE_TIME.exec(input.trim());
  if (!match) return null;
  const [, yearText, monthText, dayText, hourText, minuteText, secondText, fraction, offset] =
    match;
  const year = Number(yearText);
  const month = Number(monthText);
  const day = Number(dayText);
  const hour = Number(hourText ?? 0);
  const minute = Number(minuteText ?? 0);
  const second = Number(secondText ?? 0);
  const millisecond = Number((fraction ?? "").slice(0, 3).padEnd(3, "0"));
  if (month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) return null;
  if (hour > 23 || minute > 59 || second > 59) return null;
  const offsetMin = offsetMinutes(offset);
  if (offsetMin === null) return null;

  // setUTCFullYear rather than Date.UTC, which maps years 0-99 to 1900-1999.
  const date = new Date(0);
  date.setUTCFullYear(year, month - 1, day);
  date.setUTCHours(hour, minute, second, millisecond);
  const time = date.getTime() - offsetMin * 60_000;
  return Number.isNaN(time) ? null : new Date(time);
};
