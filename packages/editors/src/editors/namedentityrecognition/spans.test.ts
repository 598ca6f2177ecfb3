import { taskTypes, validateResponse } from "@taskforge/schema";
import { describe, expect, it } from "vitest";

import { textSegments } from "../../format";
import { namedentityrecognitionEditor } from "./index";
import {
  allowedRelationshipTypes,
  duplicateOf,
  labelForKey,
  makeAnnotation,
  nextId,
  overlappingAnnotations,
  removeAnnotation,
  selectionToRange,
} from "./spans";
import { readNerValue } from "./value";

const text = "Ada Lovelace was born in London.";

describe("selectionToRange", () => {
  it("orders a backwards selection (focus before anchor)", () => {
    expect(selectionToRange(text, 12, 0)).toEqual({ start: 0, end: 12 });
  });

  it("trims whitespace off both ends", () => {
    expect(selectionToRange(text, 21, 31)).toEqual({ start: 22, end: 31 });
    expect(selectionToRange("  x  ", 0, 5)).toEqual({ start: 2, end: 3 });
  });

  it("refuses a selection of whitespace only, or an empty one", () => {
    expect(selectionToRange(text, 3, 4)).toBeNull();
    expect(selectionToRange(text, 5, 5)).toBeNull();
  });

  it("clamps offsets to the text", () => {
    expect(selectionToRange(text, 25, 999)).toEqual({ start: 25, end: 32 });
    expect(selectionToRange(text, -5, 3)).toEqual({ start: 0, end: 3 });
  });

  it("widens a selection to whole words when snapping", () => {
    // "velac" inside "Lovelace", and "ndo" inside "London".
    expect(selectionToRange(text, 6, 11, { snapToWords: true })).toEqual({ start: 4, end: 12 });
    expect(selectionToRange(text, 26, 29, { snapToWords: true })).toEqual({ start: 25, end: 31 });
    // Punctuation is not part of a word: "London." snaps to "London" plus the selected dot.
    expect(selectionToRange(text, 27, 32, { snapToWords: true })).toEqual({ start: 25, end: 32 });
  });

  it("keeps partial words without snapping", () => {
    expect(selectionToRange(text, 6, 11)).toEqual({ start: 6, end: 11 });
  });

  it("never cuts a surrogate pair in half", () => {
    const emoji = "I ❤️ 🍕 pizza";
    const pizza = emoji.indexOf("🍕");
    expect(selectionToRange(emoji, pizza + 1, pizza + 2)).toEqual({
      start: pizza,
      end: pizza + 2,
    });
  });
});

describe("span helpers", () => {
  const annotations = [
    { id: "e1", start: 0, end: 12, text: "Ada Lovelace", label: "person" },
    { id: "e2", start: 25, end: 31, text: "London", label: "location" },
  ];

  it("finds overlapping annotations and exact duplicates", () => {
    expect(overlappingAnnotations(annotations, { start: 4, end: 20 }).map((a) => a.id)).toEqual([
      "e1",
    ]);
    expect(overlappingAnnotations(annotations, { start: 12, end: 25 })).toEqual([]);
    expect(duplicateOf(annotations, { start: 0, end: 12 }, "person")?.id).toBe("e1");
    expect(duplicateOf(annotations, { start: 0, end: 12 }, "location")).toBeUndefined();
  });

  it("makes ids one past the highest used, never reusing one", () => {
    expect(nextId([], "e")).toBe("e1");
    expect(nextId([{ id: "e1" }, { id: "e7" }, { id: "custom" }], "e")).toBe("e8");
    const made = makeAnnotation(text, { start: 25, end: 31 }, "location", annotations);
    expect(made).toEqual({ id: "e3", start: 25, end: 31, text: "London", label: "location" });
  });

  it("removes an entity with the relationships that refer to it", () => {
    const relationships = [
      { id: "r1", source_ref: "e1", target_ref: "e2" },
      { id: "r2", source_ref: "e2", target_ref: "e3" },
    ];
    expect(removeAnnotation(annotations, relationships, "e1")).toEqual({
      annotations: [annotations[1]],
      relationships: [relationships[1]],
    });
  });

  it("offers the relationship types whose source and target labels fit", () => {
    const types = [
      { name: "works_for", source_labels: ["person"], target_labels: ["organization"] },
      { name: "born_in", source_labels: ["person"], target_labels: ["location"] },
      { name: "related" },
    ];
    const names = (source?: string, target?: string) =>
      allowedRelationshipTypes(types, source, target).map((type) => type.name);
    expect(names("person", "location")).toEqual(["born_in", "related"]);
    expect(names("location", "person")).toEqual(["related"]);
    expect(names("person")).toEqual(["works_for", "born_in", "related"]);
  });

  it("maps digit keys 1-9 to labels in order", () => {
    const labels = [{ name: "person" }, { name: "location" }];
    expect(labelForKey(labels, "1")).toBe("person");
    expect(labelForKey(labels, "2")).toBe("location");
    expect(labelForKey(labels, "3")).toBeUndefined();
    expect(labelForKey(labels, "0")).toBeUndefined();
    expect(labelForKey(labels, "a")).toBeUndefined();
  });

  it("renders overlapping spans as pieces each covered by a fixed set of spans", () => {
    const pieces = textSegments(text, [
      ...annotations,
      { id: "e3", start: 4, end: 21, label: "other" },
    ]);
    expect(pieces.map((piece) => [piece.text, piece.spans.map((span) => span.id)])).toEqual([
      ["Ada ", ["e1"]],
      ["Lovelace", ["e1", "e3"]],
      [" was born", ["e3"]],
      [" in ", []],
      ["London", ["e2"]],
      [".", []],
    ]);
  });
});

describe("the editor's value", () => {
  it("reads a draft leniently, keeping only well-formed entities and relationships", () => {
    expect(
      readNerValue({
        annotations: [{ id: "e1", start: 0, end: 3, text: "Ada", label: "person" }, { id: 5 }],
        relationships: "nope",
      }),
    ).toEqual({
      annotations: [{ id: "e1", start: 0, end: 3, text: "Ada", label: "person" }],
      relationships: [],
    });
  });

  it("starts from a value the registry accepts for every example's params", () => {
    for (const example of taskTypes.namedentityrecognition.examples) {
      const params = taskTypes.namedentityrecognition.params.parse(example.params);
      const initial = namedentityrecognitionEditor.initialValue(params);
      const result = validateResponse("namedentityrecognition", example.params, initial);
      expect(result.success ? [] : result.issues).toEqual([]);
    }
  });

  it("makes values the registry accepts from spans and relationships built with the helpers", () => {
    const example = taskTypes.namedentityrecognition.examples[1];
    if (!example) throw new Error("missing example");
    const params = example.params as { text: string };
    const person = makeAnnotation(params.text, { start: 0, end: 12 }, "person", []);
    const org = makeAnnotation(params.text, { start: 23, end: 30 }, "organization", [person]);
    const value = {
      annotations: [person, org],
      relationships: [{ id: "r1", source_ref: person.id, target_ref: org.id, name: "works_for" }],
    };
    const result = validateResponse("namedentityrecognition", example.params, value);
    expect(result.success ? [] : result.issues).toEqual([]);
  });
});
