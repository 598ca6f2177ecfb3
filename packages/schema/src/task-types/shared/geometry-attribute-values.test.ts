import { describe, expect, it } from "vitest";

import { boxAnnotation as box, checkImage as check } from "./geometry-test-fixtures";

/** Attribute values on annotations and in global_attributes, checked through imageannotation. */
describe("attribute value checks", () => {
  it.each([
    [
      "an unknown attribute",
      [box({ attributes: { size: "big" } })],
      'annotations.0.attributes.size: "size" is not one of the task\'s annotation_attributes',
    ],
    [
      "an attribute whose label condition fails",
      [box({ label: "sign", attributes: { occluded: "no" } })],
      'annotations.0.attributes.occluded: is only allowed when the label is "vehicle"',
    ],
    [
      "an attribute whose attribute condition fails",
      [box({ attributes: { occluded: "no", occluded_by: "x" } })],
      'annotations.0.attributes.occluded_by: is only allowed when attribute "occluded" is "yes"',
    ],
    [
      "an unknown category choice",
      [box({ attributes: { occluded: "maybe" } })],
      'annotations.0.attributes.occluded: "maybe" is not a choice of this attribute',
    ],
    [
      "a number above max",
      [box({ attributes: { count: 4 } })],
      "annotations.0.attributes.count: must be at most 3",
    ],
    [
      "a number given as text",
      [box({ attributes: { count: "2" } })],
      "annotations.0.attributes.count: must be a number (number attribute)",
    ],
    [
      "an angle of 360",
      [box({ attributes: { heading: 360 } })],
      "annotations.0.attributes.heading: must be an angle in degrees",
    ],
    [
      "a single value for allow_multiple",
      [box({ attributes: { colors: "red" } })],
      "annotations.0.attributes.colors: must be an array of choices (allow_multiple)",
    ],
    [
      "a repeated choice",
      [box({ attributes: { colors: ["red", "red"] } })],
      'annotations.0.attributes.colors.1: duplicate choice "red"',
    ],
    [
      "a text attribute given a number",
      [box({ attributes: { occluded: "yes", occluded_by: 3 } })],
      "annotations.0.attributes.occluded_by: must be a string (text attribute)",
    ],
    [
      "a global attribute on an annotation",
      [box({ attributes: { night: "yes" } })],
      'annotations.0.attributes.night: "night" is a global attribute',
    ],
  ])("reports %s", (_name, annotations, expected) => {
    const issues = check(annotations);
    expect(issues.some((issue) => issue.startsWith(expected)) ? expected : issues).toBe(expected);
  });

  it.each([
    [
      "an annotation attribute",
      { occluded: "yes" },
      'global_attributes.occluded: "occluded" is not a global attribute',
    ],
    [
      "an unknown attribute",
      { weather: "rain" },
      'global_attributes.weather: "weather" is not one of',
    ],
    ["an invalid choice", { night: "dusk" }, 'global_attributes.night: "dusk" is not a choice'],
  ])("reports global_attributes with %s", (_name, global_attributes, expected) => {
    expect(check([], { global_attributes })[0]).toContain(expected);
  });
});
