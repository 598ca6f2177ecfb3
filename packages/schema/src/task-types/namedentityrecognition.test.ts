import { describe, expect, it } from "vitest";

import type { NamedEntityRecognitionParams } from "./namedentityrecognition";
import {
  NamedEntityRecognitionParamsSchema,
  NamedEntityRecognitionResponseSchema,
  namedentityrecognitionTaskType,
} from "./namedentityrecognition";

const TEXT = "Grace Hopper worked at Harvard in Cambridge.";
const validParams = {
  text: TEXT,
  labels: ["person", { name: "organization", description: "A company or institution" }, "place"],
  relationships: [
    "near",
    { name: "works_for", source_labels: ["person"], target_labels: ["organization"] },
  ],
};
const params = (overrides: Record<string, unknown> = {}): NamedEntityRecognitionParams =>
  NamedEntityRecognitionParamsSchema.parse({ ...validParams, ...overrides });

const issuesOf = (input: unknown) =>
  (NamedEntityRecognitionParamsSchema.safeParse(input).error?.issues ?? []).map((issue) => ({
    path: issue.path,
    message: issue.message,
  }));

const person = { id: "p", start: 0, end: 12, text: "Grace Hopper", label: "person" };
const org = { id: "o", start: 23, end: 30, text: "Harvard", label: "organization" };
const place = { id: "c", start: 34, end: 43, text: "Cambridge", label: "place" };
const worksFor = { id: "r", source_ref: "p", target_ref: "o", name: "works_for" };

describe("namedentityrecognition params", () => {
  it("normalizes labels and relationships into objects", () => {
    const parsed = params();
    expect(parsed.labels).toEqual([
      { name: "person" },
      { name: "organization", description: "A company or institution" },
      { name: "place" },
    ]);
    expect(parsed.relationships?.[0]).toEqual({ name: "near" });
  });

  it("does not require relationships", () => {
    expect(issuesOf({ text: "x", labels: ["a"] })).toEqual([]);
  });

  it.each([
    { name: "a missing text", input: { labels: ["a"] }, path: ["text"], message: "is required" },
    {
      name: "an empty text",
      input: { text: "", labels: ["a"] },
      path: ["text"],
      message: "must not be empty",
    },
    {
      name: "no labels",
      input: { text: "x", labels: [] },
      path: ["labels"],
      message: "must have at least 1 label",
    },
    {
      name: "a label of the wrong shape",
      input: { text: "x", labels: [{ description: "?" }] },
      path: ["labels", 0],
      message: "must be a label name or an object {name, description?}",
    },
    {
      name: "duplicate labels",
      input: { text: "x", labels: ["a", { name: "a" }] },
      path: ["labels", 1, "name"],
      message: 'duplicate label "a"',
    },
    {
      name: "duplicate relationships",
      input: { text: "x", labels: ["a"], relationships: ["r", "r"] },
      path: ["relationships", 1, "name"],
      message: 'duplicate relationship "r"',
    },
    {
      name: "a relationship restricted to an unknown label",
      input: { text: "x", labels: ["a"], relationships: [{ name: "r", target_labels: ["b"] }] },
      path: ["relationships", 0, "target_labels", 0],
      message: '"b" is not one of the labels: a',
    },
  ])("rejects $name", ({ input, path, message }) => {
    expect(issuesOf(input)).toEqual([{ path, message }]);
  });
});

describe("namedentityrecognition response", () => {
  const check = (response: unknown, p = params()) =>
    namedentityrecognitionTaskType.checkResponse(
      p,
      NamedEntityRecognitionResponseSchema.parse(response),
    );

  it("accepts valid entities and relationships, and defaults relationships to []", () => {
    expect(check({ annotations: [person, org, place], relationships: [worksFor] })).toEqual([]);
    expect(NamedEntityRecognitionResponseSchema.parse({ annotations: [] })).toEqual({
      annotations: [],
      relationships: [],
    });
  });

  it("counts offsets in UTF-16 code units", () => {
    const emoji = params({ text: "😀 Ada" });
    expect(
      check({ annotations: [{ id: "a", start: 3, end: 6, text: "Ada", label: "person" }] }, emoji),
    ).toEqual([]);
  });

  it.each([
    {
      name: "end not after start",
      annotations: [{ ...person, end: 0, text: "" }],
      issue: { path: ["annotations", 0, "end"], message: "must be greater than start (0)" },
    },
    {
      name: "end past the text",
      annotations: [{ ...place, end: 50 }],
      issue: {
        path: ["annotations", 0, "end"],
        message: "must be at most 44, the length of the text in UTF-16 code units",
      },
    },
    {
      name: "text that is not the span",
      annotations: [{ ...person, text: "Grace" }],
      issue: {
        path: ["annotations", 0, "text"],
        message: 'must be "Grace Hopper", the text from start to end',
      },
    },
    {
      name: "an unknown label",
      annotations: [{ ...person, label: "human" }],
      issue: {
        path: ["annotations", 0, "label"],
        message: '"human" is not one of the labels: person, organization, place',
      },
    },
    {
      name: "a duplicate id",
      annotations: [person, { ...org, id: "p" }],
      issue: { path: ["annotations", 1, "id"], message: 'duplicate id "p"' },
    },
    {
      name: "the same span twice",
      annotations: [person, { ...person, id: "q" }],
      issue: {
        path: ["annotations", 1],
        message: "repeats annotations[0] (same start, end and label)",
      },
    },
  ])("rejects annotations with $name", ({ annotations, issue }) => {
    expect(check({ annotations })).toEqual([issue]);
  });

  it.each([
    {
      name: "a duplicate id",
      relationships: [worksFor, { ...worksFor, id: "r", name: "near" }],
      issue: { path: ["relationships", 1, "id"], message: 'duplicate id "r"' },
    },
    {
      name: "a dangling reference",
      relationships: [{ ...worksFor, target_ref: "x" }],
      issue: {
        path: ["relationships", 0, "target_ref"],
        message: '"x" is not the id of an annotation',
      },
    },
    {
      name: "a self-reference",
      relationships: [{ id: "r", source_ref: "p", target_ref: "p", name: "near" }],
      issue: { path: ["relationships", 0, "target_ref"], message: "must differ from source_ref" },
    },
    {
      name: "an unknown name",
      relationships: [{ ...worksFor, name: "likes" }],
      issue: {
        path: ["relationships", 0, "name"],
        message: "must be one of the relationships: near, works_for",
      },
    },
    {
      name: "a missing name when the params list relationships",
      relationships: [{ id: "r", source_ref: "p", target_ref: "o" }],
      issue: {
        path: ["relationships", 0, "name"],
        message: "must be one of the relationships: near, works_for",
      },
    },
    {
      name: "an entity of the wrong label",
      relationships: [{ ...worksFor, target_ref: "c" }],
      issue: {
        path: ["relationships", 0, "target_ref"],
        message: 'must refer to an annotation labeled organization for "works_for", not "place"',
      },
    },
  ])("rejects relationships with $name", ({ relationships, issue }) => {
    expect(check({ annotations: [person, org, place], relationships })).toEqual([issue]);
  });

  it("accepts any relationship name when the params list none", () => {
    const free = params({ relationships: undefined });
    expect(
      check(
        {
          annotations: [person, org],
          relationships: [{ id: "r", source_ref: "p", target_ref: "o" }],
        },
        free,
      ),
    ).toEqual([]);
  });

  it("rejects responses of the wrong shape", () => {
    for (const response of [
      {},
      { annotations: [{ ...person, start: -1 }] },
      { annotations: [{ ...person, start: 1.5 }] },
      { annotations: [{ ...person, extra: true }] },
      { annotations: [], relationships: [{ id: "r", source_ref: "p" }] },
    ]) {
      expect(NamedEntityRecognitionResponseSchema.safeParse(response).success).toBe(false);
    }
  });

  it.each([TEXT, "   padded word", " "])("the placeholder is valid for %j", (text) => {
    const p = params({ text });
    const placeholder = namedentityrecognitionTaskType.placeholderResponse(p);
    expect(namedentityrecognitionTaskType.checkResponse(p, placeholder)).toEqual([]);
    expect(placeholder.annotations).toHaveLength(1);
  });
});
