import type { z } from "zod";

import { getTaskType } from "../task-types/registry";

/** The JSON shape a param takes, as far as a CSV cell needs to know it. */
export type ParamKind = "array" | "object" | "number" | "boolean" | "text" | "unknown";

type Def = {
  type: string;
  innerType?: z.ZodType;
  in?: z.ZodType;
  shape?: Record<string, z.ZodType>;
  options?: z.ZodType[];
};
const defOf = (schema: z.ZodType) => (schema as unknown as { _zod: { def: Def } })._zod.def;

// Wrappers that do not change what a caller sends: optional, default, nullable, a pipe's input.
const unwrap = (schema: z.ZodType): z.ZodType => {
  const def = defOf(schema);
  if (
    def.innerType &&
    ["optional", "default", "nullable", "prefault", "readonly"].includes(def.type)
  )
    return unwrap(def.innerType);
  if (def.type === "pipe" && def.in) return unwrap(def.in);
  return schema;
};

const kindOf = (schema: z.ZodType): ParamKind => {
  const def = defOf(unwrap(schema));
  switch (def.type) {
    case "array":
    case "tuple":
      return "array";
    case "object":
    case "record":
      return "object";
    case "number":
    case "int":
    case "bigint":
      return "number";
    case "boolean":
      return "boolean";
    case "string":
    case "enum":
    case "literal":
    case "url":
      return "text";
    case "union": {
      // `["a", {name: "a"}]`-style unions of one shape count as that shape.
      const kinds = new Set((def.options ?? []).map(kindOf));
      return kinds.size === 1 ? ([...kinds][0] ?? "unknown") : "unknown";
    }
    default:
      return "unknown";
  }
};

/**
 * The kinds of a type's params, read from the params schema callers send (the registry), so a
 * CSV cell can be read as what its column needs: `a|b` as a list for `categories`, not as text.
 */
export const paramKindsOf = (type: string): Record<string, ParamKind> => {
  const definition = getTaskType(type);
  if (!definition) return {};
  const shape = defOf(unwrap(definition.inputParams)).shape ?? {};
  return Object.fromEntries(Object.entries(shape).map(([key, schema]) => [key, kindOf(schema)]));
};

const looksLikeJson = (text: string) => /^\s*[[{]/.test(text);

/**
 * One CSV cell of a param column, by the param's kind: a list is JSON (`["a","b"]`) or values
 * separated by `|` (or by `,` when no `|` appears); objects are JSON; numbers and booleans are
 * read as such. A cell that cannot be read so stays text, for the create check to name it.
 */
export const paramCellValue = (kind: ParamKind, raw: string): unknown => {
  const text = raw.trim();
  if ((kind === "array" || kind === "object" || kind === "unknown") && looksLikeJson(text)) {
    try {
      return JSON.parse(text) as unknown;
    } catch {
      return raw;
    }
  }
  if (kind === "array") {
    const separator = text.includes("|") ? "|" : ",";
    return text
      .split(separator)
      .map((part) => part.trim())
      .filter((part) => part !== "");
  }
  if (kind === "number" && text !== "" && Number.isFinite(Number(text))) return Number(text);
  if (kind === "boolean" && /^(true|false)$/i.test(text)) return text.toLowerCase() === "true";
  return raw;
};
