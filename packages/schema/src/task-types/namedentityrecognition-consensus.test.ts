import fc from "fast-check";
import { describe, expect, it } from "vitest";

import type { NamedEntityRecognitionResponse, NerAnnotation } from "./namedentityrecognition";
import {
  NamedEntityRecognitionParamsSchema,
  namedentityrecognitionTaskType,
} from "./namedentityrecognition";
import { spanF1 } from "./namedentityrecognition-consensus";

const TEXT = "Grace Hopper worked at Harvard in Cambridge.";
const params = NamedEntityRecognitionParamsSchema.parse({
  text: TEXT,
  labels: ["person", "organization", "place"],
  relationships: ["works_for"],
});
// Called through the definition: its members are methods (unbound-method).
const type = namedentityrecognitionTaskType;

const span = (id: string, start: number, end: number, label: string): NerAnnotation => ({
  id,
  start,
  end,
  text: TEXT.slice(start, end),
  label,
});
const person = span("p", 0, 12, "person");
const grace = span("g", 0, 5, "person");
const org = span("o", 23, 30, "organization");
const orgAsPlace = span("o", 23, 30, "place");
const place = span("c", 34, 43, "place");
const response = (
  annotations: NerAnnotation[],
  relationships: NamedEntityRecognitionResponse["relationships"] = [],
): NamedEntityRecognitionResponse => ({ annotations, relationships });

describe("namedentityrecognition consolidation", () => {
  it("keeps spans found by a strict majority, in text order", () => {
    const result = type.consolidate(params, [
      response([org, person, place]),
      response([person, orgAsPlace]),
      response([person, org]),
    ]);
    expect(result.response).toEqual(response([person, org]));
    expect(result.tied).toBe(false);
    // Pairwise span F1: (2·1/5, 2·2/5, 2·1/4) → 0.4, 0.8, 0.5.
    expect(result.agreement).toBeCloseTo((0.4 + 0.8 + 0.5) / 3);
    expect(result.notes).toEqual([
      "annotations: 2 span(s) marked by too few responses were left out",
    ]);
    expect(type.checkResponse(params, result.response)).toEqual([]);
  });

  it("requires exact offsets: a partial span is a different entity", () => {
    const result = type.consolidate(params, [
      response([person]),
      response([grace]),
      response([grace]),
    ]);
    expect(result.response.annotations).toEqual([grace]);
  });

  it("reports spans marked by exactly half as ties and leaves them out", () => {
    const result = type.consolidate(params, [response([person, place]), response([person])]);
    expect(result.response).toEqual(response([person]));
    expect(result.tied).toBe(true);
    expect(result.notes).toContain(
      'annotations: tie on "Cambridge" as place (1 of 2 responses); left out',
    );
  });

  it("matches relationships by the spans they link, whatever the ids", () => {
    const renamed = [span("x", 0, 12, "person"), span("y", 23, 30, "organization")];
    const result = type.consolidate(params, [
      response([person, org], [{ id: "r", source_ref: "p", target_ref: "o", name: "works_for" }]),
      response(renamed, [{ id: "s", source_ref: "x", target_ref: "y", name: "works_for" }]),
      response(renamed),
    ]);
    expect(result.response.relationships).toEqual([
      { id: "r", source_ref: "p", target_ref: "o", name: "works_for" },
    ]);
    expect(type.checkResponse(params, result.response)).toEqual([]);
  });

  it("drops relationships marked by a minority, and ties", () => {
    const link = { id: "r", source_ref: "p", target_ref: "o", name: "works_for" };
    const result = type.consolidate(params, [
      response([person, org], [link]),
      response([person, org]),
      response([person, org]),
    ]);
    expect(result.response).toEqual(response([person, org]));
    const tie = type.consolidate(params, [
      response([person, org], [link]),
      response([person, org]),
    ]);
    expect(tie.response.relationships).toEqual([]);
    expect(tie.tied).toBe(true);
    expect(tie.notes).toEqual(['relationships: tie on "works_for" (1 of 2 responses); left out']);
  });

  it("votes on attributes and makes colliding ids unique", () => {
    const a = { ...person, attributes: { gender: "f" } };
    const b = { ...span("p", 23, 30, "organization") };
    const result = type.consolidate(params, [
      response([a, { ...org, id: "p2" }]),
      response([{ ...person, attributes: { gender: "f" } }, b]),
      response([
        { ...person, attributes: { gender: "m" } },
        { ...org, id: "q" },
      ]),
    ]);
    expect(result.response.annotations).toEqual([
      { ...person, attributes: { gender: "f" } },
      { ...org, id: "p2" },
    ]);
    const collide = type.consolidate(params, [response([person, { ...org, id: "p" }])]);
    expect(collide.response.annotations.map((annotation) => annotation.id)).toEqual(["p", "p-2"]);
  });

  it("has agreement 1 for identical or empty responses", () => {
    expect(
      type.consolidate(params, [response([person, org]), response([org, person])]).agreement,
    ).toBe(1);
    expect(type.consolidate(params, [response([]), response([])]).agreement).toBe(1);
    expect(type.consolidate(params, [response([person])]).agreement).toBe(1);
  });
});

describe("namedentityrecognition scoreAgainstGold", () => {
  it.each([
    { name: "exact", actual: [person, org], gold: [org, person], score: 1 },
    { name: "one of two found", actual: [person], gold: [person, org], score: 2 / 3 },
    { name: "one extra", actual: [person, org, place], gold: [person, org], score: 0.8 },
    { name: "a partial span", actual: [grace], gold: [person], score: 0 },
    { name: "a wrong label", actual: [orgAsPlace], gold: [org], score: 0 },
    { name: "both empty", actual: [], gold: [], score: 1 },
    { name: "nothing found", actual: [], gold: [person], score: 0 },
  ])("$name → $score", ({ actual, gold, score }) => {
    expect(type.scoreAgainstGold(params, response(actual), response(gold))).toBeCloseTo(score);
  });

  it("span F1 is symmetric and in [0, 1]", () => {
    const spans = fc.uniqueArray(fc.constantFrom("0:5:a", "0:12:a", "3:9:b", "23:30:c"));
    fc.assert(
      fc.property(spans, spans, (a, b) => {
        const score = spanF1(new Set(a), new Set(b));
        expect(score).toBeGreaterThanOrEqual(0);
        expect(score).toBeLessThanOrEqual(1);
        expect(spanF1(new Set(b), new Set(a))).toBe(score);
      }),
    );
  });
});
