import { isRecord } from "@taskforge/schema";

import type { FieldSpec } from "./schema-fields";

/**
 * What the generated form's controls hold, keyed by field name: text for text-like controls,
 * booleans for checkboxes. Kept as text (not values) so a half-typed number or JSON is not lost.
 */
export type FormState = Record<string, string | boolean>;

/** The state key of the "other params" JSON textarea (keys the schema does not name). */
export const EXTRA_FIELD = "__extra__";

const json = (value: unknown) => JSON.stringify(value, null, 2);

const fill = (fields: FieldSpec[], value: Record<string, unknown>, state: FormState) => {
  for (const field of fields) {
    const given = value[field.key];
    const current = given === undefined ? field.defaultValue : given;
    if (field.kind === "object") {
      if (isRecord(current)) fill(field.fields, current, state);
      continue;
    }
    if (current === undefined || current === null) continue;
    switch (field.kind) {
      case "boolean":
        if (typeof current === "boolean") state[field.name] = current;
        else state[field.name] = json(current);
        break;
      case "stringList":
        state[field.name] =
          Array.isArray(current) && current.every((v) => typeof v === "string" && !v.includes("\n"))
            ? current.join("\n")
            : json(current);
        break;
      case "json":
        state[field.name] = json(current);
        break;
      default:
        state[field.name] =
          typeof current === "string"
            ? current
            : typeof current === "number" || typeof current === "boolean"
              ? String(current)
              : json(current);
    }
  }
};

/** The form state showing `value` (e.g. a registry example); unknown keys go to the extra field. */
export const stateFromValue = (fields: FieldSpec[], value: unknown): FormState => {
  const record = isRecord(value) ? value : {};
  const state: FormState = {};
  fill(fields, record, state);
  const known = new Set(fields.map((f) => f.key));
  const extra = Object.fromEntries(Object.entries(record).filter(([key]) => !known.has(key)));
  if (Object.keys(extra).length > 0) state[EXTRA_FIELD] = json(extra);
  return state;
};

export type BuildResult = { value: Record<string, unknown>; errors: Record<string, string> };

const parseJson = (text: string): { ok: true; value: unknown } | { ok: false; message: string } => {
  try {
    return { ok: true, value: JSON.parse(text) as unknown };
  } catch (error) {
    return { ok: false, message: `must be valid JSON (${(error as Error).message})` };
  }
};

const build = (fields: FieldSpec[], state: FormState, errors: Record<string, string>) => {
  const value: Record<string, unknown> = {};
  for (const field of fields) {
    if (field.kind === "object") {
      const nested = build(field.fields, state, errors);
      if (Object.keys(nested).length > 0) value[field.key] = nested;
      continue;
    }
    const raw = state[field.name];
    if (raw === undefined) continue;
    if (typeof raw === "boolean") {
      value[field.key] = raw;
      continue;
    }
    const text = field.kind === "string" || field.kind === "enum" ? raw : raw.trim();
    // Empty means "not given": the server applies defaults and reports missing required fields.
    if (text === "") continue;
    switch (field.kind) {
      case "number": {
        const number = Number(text);
        if (!Number.isFinite(number)) errors[field.name] = "must be a number";
        else if (field.integer && !Number.isInteger(number))
          errors[field.name] = "must be a whole number";
        else value[field.key] = number;
        break;
      }
      case "stringList": {
        if (text.startsWith("[")) {
          const parsed = parseJson(text);
          if (!parsed.ok) errors[field.name] = parsed.message;
          else if (!Array.isArray(parsed.value)) errors[field.name] = "must be a JSON array";
          else value[field.key] = parsed.value;
        } else {
          value[field.key] = text
            .split("\n")
            .map((line) => line.trim())
            .filter((line) => line !== "");
        }
        break;
      }
      case "json":
      case "boolean": {
        const parsed = parseJson(text);
        if (parsed.ok) value[field.key] = parsed.value;
        else errors[field.name] = parsed.message;
        break;
      }
      default:
        value[field.key] = text;
    }
  }
  return value;
};

/**
 * The value the form state stands for, and per-field problems found before sending (text that is
 * not a number, invalid JSON). Everything else is left to the server, which validates in full.
 */
export const buildValue = (fields: FieldSpec[], state: FormState, prefix = ""): BuildResult => {
  const errors: Record<string, string> = {};
  const value = build(fields, state, errors);
  const extraText = state[EXTRA_FIELD];
  const extraName = prefix ? `${prefix}.${EXTRA_FIELD}` : EXTRA_FIELD;
  if (typeof extraText === "string" && extraText.trim() !== "") {
    const parsed = parseJson(extraText);
    if (!parsed.ok) errors[extraName] = parsed.message;
    else if (!isRecord(parsed.value)) errors[extraName] = "must be a JSON object";
    // Named fields win over the same key given again here.
    else return { value: { ...parsed.value, ...value }, errors };
  }
  return { value, errors };
};

/**
 * The message to show at a field: its own error, or its descendants' (`params.categories[0]`
 * is shown at `params.categories`, naming the rest of the path).
 */
export const errorAt = (name: string, errors: Record<string, string>): string | undefined => {
  const messages: string[] = [];
  for (const [path, message] of Object.entries(errors)) {
    if (path === name) messages.push(message);
    else if (path.startsWith(`${name}[`) || path.startsWith(`${name}.`)) {
      messages.push(`${path.slice(name.length).replace(/^\./, "")}: ${message}`);
    }
  }
  return messages.length > 0 ? messages.join("; ") : undefined;
};

/** Every field name a form shows errors at (objects show their children's, not their own). */
export const leafNames = (fields: FieldSpec[]): string[] =>
  fields.flatMap((f) => (f.kind === "object" ? leafNames(f.fields) : [f.name]));

/** Errors no shown field claims (a whole-object error, an unknown key…), for a summary. */
export const unclaimedErrors = (
  names: readonly string[],
  errors: Record<string, string>,
): [string, string][] =>
  Object.entries(errors).filter(
    ([path]) =>
      !names.some(
        (name) => path === name || path.startsWith(`${name}[`) || path.startsWith(`${name}.`),
      ),
  );
