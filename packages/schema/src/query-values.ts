import { z } from "zod";

import { parseIsoDateTime } from "./iso-date";

// Schemas for values that may arrive either typed (tRPC) or as query-string text (REST), so the
// services see one normalized shape.

export const DATE_FILTER_MESSAGE = "must be an ISO-8601 date or date-time";

/** `2021-04-25`, `2021-04-25T03:14:15-07:00`, or zone-less `2021-04-25T03:14:15.123456` (UTC). */
export const DateFilterSchema = z
  .union([z.date(), z.string()], { error: DATE_FILTER_MESSAGE })
  .transform((value, ctx) => {
    if (value instanceof Date) return value;
    const date = parseIsoDateTime(value);
    if (date === null) {
      ctx.issues.push({ code: "custom", message: DATE_FILTER_MESSAGE, input: value });
      return z.NEVER;
    }
    return date;
  });

const BOOLEAN_MESSAGE = "must be true or false";

// Scale's Python SDK sends Python's `True`/`False`.
export const QueryBooleanSchema = z
  .union([z.boolean(), z.string()], { error: BOOLEAN_MESSAGE })
  .transform((value, ctx) => {
    if (typeof value === "boolean") return value;
    const lowered = value.trim().toLowerCase();
    if (lowered === "true") return true;
    if (lowered === "false") return false;
    ctx.issues.push({ code: "custom", message: BOOLEAN_MESSAGE, input: value });
    return z.NEVER;
  });

/** An integer in [min, max], given as a number or as decimal digits. */
export const queryInt = (min: number, max: number, message: string) =>
  z.union([z.number(), z.string()], { error: message }).transform((value, ctx) => {
    const number =
      typeof value === "number" ? value : /^\s*\d+\s*$/.test(value) ? Number(value) : NaN;
    if (!Number.isInteger(number) || number < min || number > max) {
      ctx.issues.push({ code: "custom", message, input: value });
      return z.NEVER;
    }
    return number;
  });

/** A value that may be repeated (`tags=a&tags=b` arrives as an array, a single one as a string). */
export const oneOrMany = <T extends z.ZodType<string, string>>(item: T) =>
  z.union([item, z.array(item)]).transform((value) => (Array.isArray(value) ? value : [value]));

/** A list that also arrives pre-joined with commas, like Scale's `customer_review_status`. */
export const commaList = <T extends z.ZodType<unknown, string>>(item: T) =>
  z
    .union([z.string(), z.array(z.string())])
    .transform((value) =>
      (Array.isArray(value) ? value : [value])
        .flatMap((part) => part.split(","))
        .map((part) => part.trim())
        .filter((part) => part !== ""),
    )
    .pipe(z.array(item).min(1, { error: "must list at least one value" }));
