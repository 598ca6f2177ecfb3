import fc from "fast-check";
import { z } from "zod";

/**
 * Fuzz inputs for the edges: values shaped by the shared zod schemas (through their JSON Schema, the
 * stable public form of a zod 4 schema) in which any node may be swapped for a hostile value. Mostly
 * valid shapes reach the services and the database; the swapped nodes probe each field's validation.
 */

const DEEP = 1_000;

/** A value nested `depth` levels deep, built without recursion (JSON.parse accepts it). */
export const deeplyNested = (depth = DEEP): unknown => {
  let value: unknown = "bottom";
  for (let i = 0; i < depth; i++) value = i % 2 ? [value] : { a: value };
  return value;
};

export const hostileStrings: readonly string[] = [
  "",
  " ",
  "__proto__",
  "constructor",
  "prototype",
  "'; DROP TABLE tasks; --",
  "1 OR 1=1",
  "$1",
  "\\",
  "%",
  "_",
  "<script>alert(1)</script>",
  "<img src=x onerror=alert(1)>",
  "[click](javascript:alert(1))",
  "![x](http://169.254.169.254/latest/meta-data/)",
  "../../../../etc/passwd",
  "..\\..\\windows\\win.ini",
  "/etc/passwd",
  "a/b/../c",
  "\u0000",
  "nul\u0000inside",
  "\ud800",
  "lone \udfff surrogate",
  "\u202eRTL",
  "😀".repeat(50),
  "x".repeat(70_000),
  "2020-13-45T99:99:99Z",
  "-1",
  "1e309",
  "NaN",
  "null",
  "true",
  "5f1aaaaaaaaaaaaaaaaaaaaa",
  "0190f3c2-0000-7000-8000-000000000000",
];

export const hostileValues: readonly unknown[] = [
  null,
  true,
  false,
  0,
  -1,
  1.5,
  -0,
  Number.MAX_SAFE_INTEGER + 2,
  1e308,
  -1e308,
  [],
  [null],
  {},
  { __proto__: { polluted: true } },
  JSON.parse('{"__proto__": {"polluted": true}, "constructor": {"prototype": {"polluted": true}}}'),
  deeplyNested(),
  Array.from({ length: 10_000 }, (_, i) => i),
  ...hostileStrings,
];

const hostile: fc.Arbitrary<unknown> = fc.oneof(
  { weight: 3, arbitrary: fc.constantFrom(...hostileValues) },
  { weight: 1, arbitrary: fc.jsonValue({ maxDepth: 3 }) },
  { weight: 1, arbitrary: fc.string({ unit: "binary", maxLength: 40 }) },
);

type JsonSchema = {
  type?: string | string[];
  properties?: Record<string, JsonSchema>;
  required?: string[];
  items?: JsonSchema;
  prefixItems?: JsonSchema[];
  additionalProperties?: JsonSchema | boolean;
  anyOf?: JsonSchema[];
  oneOf?: JsonSchema[];
  allOf?: JsonSchema[];
  enum?: unknown[];
  const?: unknown;
  minLength?: number;
  maxLength?: number;
  minimum?: number;
  maximum?: number;
  minItems?: number;
  maxItems?: number;
  format?: string;
  pattern?: string;
  $ref?: string;
};

const stringOf = (schema: JsonSchema): fc.Arbitrary<string> => {
  if (schema.format === "uri" || schema.format === "url") return fc.webUrl();
  if (schema.format === "date-time")
    return fc.date({ noInvalidDate: true }).map((d) => d.toISOString());
  if (schema.format === "email") return fc.emailAddress();
  if (schema.format === "uuid") return fc.uuid();
  if (schema.pattern === "^[0-9a-f]{24}$") return fc.stringMatching(/^[0-9a-f]{24}$/);
  return fc.string({
    minLength: schema.minLength ?? 0,
    maxLength: Math.min(schema.maxLength ?? 30, 30),
  });
};

const valid = (schema: JsonSchema, depth: number): fc.Arbitrary<unknown> => {
  if (depth > 6) return fc.constant(null);
  if (schema.const !== undefined) return fc.constant(schema.const);
  if (schema.enum) return fc.constantFrom(...schema.enum);
  const alternatives = schema.anyOf ?? schema.oneOf;
  if (alternatives?.length) return fc.oneof(...alternatives.map((s) => node(s, depth + 1)));
  if (schema.allOf?.length) return node(schema.allOf[0] ?? {}, depth + 1);
  const type = Array.isArray(schema.type) ? schema.type[0] : schema.type;
  switch (type) {
    case "string":
      return stringOf(schema);
    case "integer":
      return fc.integer({ min: schema.minimum ?? -1_000, max: schema.maximum ?? 1_000 });
    case "number":
      return fc.double({
        min: schema.minimum ?? -1_000,
        max: schema.maximum ?? 1_000,
        noNaN: true,
        noDefaultInfinity: true,
      });
    case "boolean":
      return fc.boolean();
    case "null":
      return fc.constant(null);
    case "array": {
      if (schema.prefixItems) return fc.tuple(...schema.prefixItems.map((s) => node(s, depth + 1)));
      return fc.array(node(schema.items ?? {}, depth + 1), {
        minLength: schema.minItems ?? 0,
        maxLength: Math.min(schema.maxItems ?? 4, 4),
      });
    }
    case "object": {
      const properties = Object.entries(schema.properties ?? {});
      if (!properties.length)
        return fc.dictionary(fc.string({ maxLength: 8 }), fc.jsonValue({ maxDepth: 2 }), {
          maxKeys: 3,
        });
      const required = new Set(schema.required ?? []);
      const record = Object.fromEntries(properties.map(([k, s]) => [k, node(s, depth + 1)]));
      return fc.record(record, {
        requiredKeys: properties.map(([k]) => k).filter((k) => required.has(k)),
      });
    }
    default:
      return fc.jsonValue({ maxDepth: 2 });
  }
};

/** One node: usually conforming to its schema, sometimes hostile. */
const node = (schema: JsonSchema, depth: number): fc.Arbitrary<unknown> =>
  fc.oneof({ weight: 6, arbitrary: valid(schema, depth) }, { weight: 1, arbitrary: hostile });

/** Inputs for a zod schema: near-valid values with hostile nodes, and wholly hostile values. */
export const fuzzArbitrary = (schema: z.ZodType): fc.Arbitrary<unknown> => {
  let json: JsonSchema;
  try {
    json = z.toJSONSchema(schema, { io: "input", unrepresentable: "any" }) as JsonSchema;
  } catch {
    return hostile;
  }
  return fc.oneof({ weight: 5, arbitrary: node(json, 0) }, { weight: 1, arbitrary: hostile });
};

/** Strings for path parameters and query values. */
export const hostileSegment: fc.Arbitrary<string> = fc.oneof(
  fc.constantFrom(...hostileStrings.filter((s) => s.length > 0 && s.length < 5_000)),
  fc.string({ maxLength: 30 }),
);
