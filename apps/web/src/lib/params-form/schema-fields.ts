/**
 * Turns a task type's params JSON Schema (zod 4's `z.toJSONSchema`, input side) into the fields of
 * a generated form. Only shapes a plain control edits well get one; the rest (unions, arrays of
 * objects, records) become a JSON textarea for that field, so every schema stays editable.
 */

export type JsonSchema = {
  type?: string | string[];
  properties?: Record<string, JsonSchema>;
  required?: string[];
  enum?: unknown[];
  const?: unknown;
  items?: JsonSchema;
  anyOf?: JsonSchema[];
  oneOf?: JsonSchema[];
  $ref?: string;
  $defs?: Record<string, JsonSchema>;
  default?: unknown;
  description?: string;
  format?: string;
  additionalProperties?: JsonSchema | boolean;
};

type FieldBase = {
  /** The property name. */
  key: string;
  /** Dotted name from the form's root, e.g. `params.geometries.box`; also the error path. */
  name: string;
  required: boolean;
  description?: string;
  defaultValue?: unknown;
};

export type FieldSpec = FieldBase &
  (
    | { kind: "string"; format?: string }
    | { kind: "number"; integer: boolean }
    | { kind: "boolean" }
    | { kind: "enum"; options: string[] }
    /** One item per line (or a JSON array, for items that are not plain strings). */
    | { kind: "stringList" }
    | { kind: "object"; fields: FieldSpec[] }
    | { kind: "json" }
  );

export type FieldKind = FieldSpec["kind"];

const resolve = (schema: JsonSchema, root: JsonSchema): JsonSchema => {
  const prefix = "#/$defs/";
  if (schema.$ref?.startsWith(prefix)) {
    const target = root.$defs?.[schema.$ref.slice(prefix.length)];
    return target ? resolve(target, root) : {};
  }
  return schema;
};

const branches = (schema: JsonSchema) => schema.anyOf ?? schema.oneOf;

/** `X | null` (an optional-or-null value) is edited as X: leaving it empty omits it. */
const withoutNull = (schema: JsonSchema, root: JsonSchema): JsonSchema => {
  const options = branches(schema)?.map((b) => resolve(b, root));
  if (!options) return schema;
  const nonNull = options.filter((b) => b.type !== "null");
  return nonNull.length === 1 && nonNull[0] ? nonNull[0] : schema;
};

const isPlainString = (schema: JsonSchema) =>
  schema.type === "string" && schema.enum === undefined && schema.const === undefined;

/** What a field is, without where it sits: one member per kind. */
type FieldShape = FieldSpec extends infer F
  ? F extends FieldSpec
    ? Omit<F, keyof FieldBase>
    : never
  : never;

const kindOf = (schema: JsonSchema, root: JsonSchema, name: string): FieldShape => {
  if (schema.const !== undefined && typeof schema.const === "string") {
    return { kind: "enum", options: [schema.const] };
  }
  if (schema.enum && schema.enum.every((v) => typeof v === "string")) {
    return { kind: "enum", options: schema.enum };
  }
  if (branches(schema)) return { kind: "json" };
  switch (schema.type) {
    case "string":
      return schema.format ? { kind: "string", format: schema.format } : { kind: "string" };
    case "number":
    case "integer":
      return { kind: "number", integer: schema.type === "integer" };
    case "boolean":
      return { kind: "boolean" };
    case "array": {
      const items = schema.items ? resolve(schema.items, root) : {};
      // A list of labels that may also be objects (categories, labels…) is edited as lines; an
      // example holding objects is shown as a JSON array in the same textarea.
      const itemOptions = branches(items)?.map((b) => resolve(b, root)) ?? [items];
      return itemOptions.some(isPlainString) ? { kind: "stringList" } : { kind: "json" };
    }
    case "object":
      // A record (no named properties) has no fields to generate.
      return schema.properties && Object.keys(schema.properties).length > 0
        ? { kind: "object", fields: fieldsOf(schema, root, name) }
        : { kind: "json" };
    default:
      return { kind: "json" };
  }
};

const fieldsOf = (schema: JsonSchema, root: JsonSchema, prefix: string): FieldSpec[] => {
  const required = new Set(schema.required ?? []);
  return Object.entries(schema.properties ?? {}).map(([key, raw]) => {
    const property = withoutNull(resolve(raw, root), root);
    const name = prefix ? `${prefix}.${key}` : key;
    return {
      key,
      name,
      required: required.has(key),
      ...(property.description ? { description: property.description } : {}),
      ...(property.default !== undefined ? { defaultValue: property.default } : {}),
      ...kindOf(property, root, name),
    };
  });
};

/** The fields of an object schema, named under `prefix` (e.g. `params`). */
export const fieldsFromSchema = (schema: JsonSchema, prefix = ""): FieldSpec[] =>
  fieldsOf(resolve(schema, schema), schema, prefix);
