import { taskTypes } from "@taskforge/schema";
import { describe, expect, it } from "vitest";
import { z } from "zod";

import { buildValue, EXTRA_FIELD, errorAt, stateFromValue, unclaimedErrors } from "./form-state";
import { paramsFieldsFor } from "./params-schema";
import { fieldsFromSchema } from "./schema-fields";
import type { FieldSpec, JsonSchema } from "./schema-fields";

const paramsFields = (type: keyof typeof taskTypes) =>
  fieldsFromSchema(
    z.toJSONSchema(taskTypes[type].params, { io: "input", unrepresentable: "any" }) as JsonSchema,
    "params",
  );

const byKey = (fields: FieldSpec[], key: string) => {
  const field = fields.find((f) => f.key === key);
  if (!field) throw new Error(`no field ${key}`);
  return field;
};

describe("fields generated from a params schema", () => {
  it("maps categorization's params to an enum, a string, a label list and a checkbox", () => {
    const fields = paramsFields("categorization");
    expect(byKey(fields, "attachment_type")).toMatchObject({
      kind: "enum",
      name: "params.attachment_type",
      required: true,
      options: ["text", "image", "website"],
    });
    expect(byKey(fields, "attachment")).toMatchObject({ kind: "string", required: true });
    // Labels may be strings or objects: still edited one per line.
    expect(byKey(fields, "categories")).toMatchObject({ kind: "stringList", required: true });
    expect(byKey(fields, "allow_multiple")).toMatchObject({
      kind: "boolean",
      required: false,
      defaultValue: false,
    });
  });

  it("shows the params a caller sends: a segmentation's image size is optional", () => {
    const fields = paramsFieldsFor("segmentannotation");
    expect(byKey(fields, "attachment")).toMatchObject({ required: true });
    for (const key of ["image_width", "image_height"]) {
      expect(byKey(fields, key)).toMatchObject({
        kind: "number",
        required: false,
        description: expect.stringContaining("read from the attachment") as unknown,
      });
    }
  });

  it("nests objects as fieldsets and falls back to JSON for arrays of objects", () => {
    const fields = paramsFields("imageannotation");
    expect(byKey(fields, "image_width")).toMatchObject({ kind: "number", integer: true });
    const geometries = byKey(fields, "geometries");
    if (geometries.kind !== "object") throw new Error("geometries is not an object field");
    const box = byKey(geometries.fields, "box");
    if (box.kind !== "object") throw new Error("box is not an object field");
    expect(box.name).toBe("params.geometries.box");
    // objects_to_annotate items are a $ref to a union of string | object: lines still work.
    expect(byKey(box.fields, "objects_to_annotate").kind).toBe("stringList");
    expect(byKey(box.fields, "min_width")).toMatchObject({ kind: "number", integer: false });
    expect(byKey(paramsFields("textcollection"), "fields").kind).toBe("json");
  });

  it("treats const as a one-option enum and `X | null` as an optional X", () => {
    const fields = fieldsFromSchema({
      type: "object",
      properties: {
        kind: { type: "string", const: "image" },
        max: { anyOf: [{ type: "integer" }, { type: "null" }] },
        either: { anyOf: [{ type: "string" }, { type: "number" }] },
        record: { type: "object", additionalProperties: { type: "string" } },
      },
    });
    expect(fields.map((f) => [f.key, f.kind])).toEqual([
      ["kind", "enum"],
      ["max", "number"],
      ["either", "json"],
      ["record", "json"],
    ]);
  });

  it("every registry type's examples survive a round trip through the form", () => {
    for (const [type, definition] of Object.entries(taskTypes)) {
      const fields = paramsFields(type as keyof typeof taskTypes);
      for (const example of definition.examples) {
        const built = buildValue(fields, stateFromValue(fields, example.params), "params");
        expect(built.errors, `${type}/${example.name}`).toEqual({});
        const parsed = definition.params.safeParse(built.value);
        expect(parsed.success, `${type}/${example.name}`).toBe(true);
      }
    }
  });
});

describe("the form state", () => {
  const fields = paramsFields("categorization");

  it("builds params from text, lines and checkboxes, omitting empty fields", () => {
    const built = buildValue(fields, {
      "params.attachment_type": "text",
      "params.attachment": "a cat",
      "params.categories": "yes\n\n  no  \n",
      "params.allow_multiple": true,
      "params.category_ids": "",
    });
    expect(built).toEqual({
      value: {
        attachment_type: "text",
        attachment: "a cat",
        categories: ["yes", "no"],
        allow_multiple: true,
      },
      errors: {},
    });
  });

  it("shows object labels as a JSON array and keeps unknown keys in the extra field", () => {
    const state = stateFromValue(fields, {
      attachment: "x",
      categories: [{ label: "a", id: "1" }, "b"],
      layout: "grid",
    });
    expect(state["params.categories"]).toContain('"label": "a"');
    expect(JSON.parse(String(state[EXTRA_FIELD]))).toEqual({ layout: "grid" });
    // Defaults are shown so the form says what will happen.
    expect(state["params.allow_multiple"]).toBe(false);
    expect(buildValue(fields, state).value).toEqual({
      layout: "grid",
      attachment: "x",
      categories: [{ label: "a", id: "1" }, "b"],
      allow_multiple: false,
    });
  });

  it("reports numbers and JSON it cannot read at their fields", () => {
    const imageFields = paramsFields("imageannotation");
    const built = buildValue(
      imageFields,
      {
        "params.image_width": "wide",
        "params.image_height": "1.5",
        "params.geometries.box.objects_to_annotate": "[not json",
        [EXTRA_FIELD]: "[1]",
      },
      "params",
    );
    expect(built.errors["params.image_width"]).toBe("must be a number");
    expect(built.errors["params.image_height"]).toBe("must be a whole number");
    expect(built.errors["params.geometries.box.objects_to_annotate"]).toMatch(/valid JSON/);
    expect(built.errors[`params.${EXTRA_FIELD}`]).toBe("must be a JSON object");
  });

  it("puts server errors at the field their path starts with", () => {
    const errors = {
      "params.categories": "must have at least 2 categories",
      "params.categories[1]": "must not be empty",
      "params.attachment_type": "one of text, image, website",
      params: "unknown problem",
    };
    expect(errorAt("params.categories", errors)).toBe(
      "must have at least 2 categories; [1]: must not be empty",
    );
    expect(errorAt("params.attachment", errors)).toBeUndefined();
    expect(unclaimedErrors(["params.categories", "params.attachment_type"], errors)).toEqual([
      ["params", "unknown problem"],
    ]);
  });
});
