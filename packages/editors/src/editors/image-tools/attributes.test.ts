import { AnnotationAttributesSchema, GeometriesSchema } from "@taskforge/schema";
import { describe, expect, it } from "vitest";

import { visibleAttributes, withAttribute } from "./attributes";

const geometries = GeometriesSchema.parse({
  box: { objects_to_annotate: [{ choice: "vehicle", subchoices: ["car", "truck"] }, "person"] },
});
const definitions = AnnotationAttributesSchema.parse({
  occluded: { description: "Occluded?", choices: ["yes", "no"] },
  how_much: {
    type: "number",
    description: "How much (%)",
    conditions: { attribute_conditions: [{ occluded: "yes" }] },
  },
  plate: {
    type: "text",
    description: "Plate",
    conditions: { label_condition: { label: "vehicle" } },
  },
  weather: { description: "Weather", choices: ["sun", "rain"], conditions: { is_global: true } },
});
const scope = (label: string) => ({
  global: false as const,
  label,
  type: "box" as const,
  geometries,
});

describe("visibleAttributes", () => {
  it("shows attributes whose conditions hold, matching parent labels", () => {
    const names = (label: string, values = {}) =>
      visibleAttributes(definitions, values, scope(label)).map(([name]) => name);
    expect(names("person")).toEqual(["occluded"]);
    expect(names("car")).toEqual(["occluded", "plate"]);
    expect(names("car", { occluded: "yes" })).toEqual(["occluded", "how_much", "plate"]);
    expect(visibleAttributes(definitions, {}, { global: true }).map(([n]) => n)).toEqual([
      "weather",
    ]);
  });
});

describe("withAttribute", () => {
  it("sets and clears values, dropping answers whose condition no longer holds", () => {
    const answered = withAttribute(definitions, { occluded: "yes" }, "how_much", 40, scope("car"));
    expect(answered).toEqual({ occluded: "yes", how_much: 40 });
    expect(withAttribute(definitions, answered, "occluded", "no", scope("car"))).toEqual({
      occluded: "no",
    });
    expect(
      withAttribute(definitions, { occluded: "no" }, "occluded", undefined, scope("car")),
    ).toBeUndefined();
  });

  it("drops label-bound answers when the label changes", () => {
    expect(
      withAttribute(definitions, { plate: "AB 123" }, undefined, undefined, scope("person")),
    ).toBeUndefined();
  });
});
