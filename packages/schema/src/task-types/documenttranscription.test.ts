import { describe, expect, it } from "vitest";

import {
  DocumentTranscriptionResponseSchema,
  documenttranscriptionTaskType as t,
  isPdfAttachment,
  MAX_PDF_PAGES,
  pageCountOf,
} from "./documenttranscription";
import type { DocumentAnnotation, DocumentTranscriptionResponse } from "./documenttranscription";

const paramsInput = {
  attachments: ["https://example.com/p0.png", "https://example.com/p1.png"],
  features: [
    { type: "block", label: "total", flags: ["money"] },
    { type: "block", label: "field", flags: ["key", "value"], fields: [{ key: "invoice_number" }] },
    {
      type: "group",
      title: "Header",
      features: [{ type: "text", label: "vendor", flags: ["line"] }],
    },
    { type: "block", label: "paid", flags: ["checkbox", "date"] },
  ],
};
const params = t.params.parse(paramsInput);

const block = (uuid: string, extra: Partial<DocumentAnnotation> = {}): DocumentAnnotation => ({
  uuid,
  page: 0,
  label: "vendor",
  text: "ACME",
  location: { type: "box", top: 0, left: 0, width: 100, height: 20 },
  ...extra,
});
const at = (left: number) => ({ type: "box" as const, top: 0, left, width: 100, height: 20 });

const paramIssue = (input: unknown) => {
  const issue = t.params.safeParse(input).error?.issues[0];
  return issue === undefined ? undefined : `${issue.path.join(".")}: ${issue.message}`;
};

describe("documenttranscription params", () => {
  it("accepts pages or a single attachment; a PDF's page count is unknown", () => {
    for (const example of t.examples) expect(t.params.safeParse(example.params).success).toBe(true);
    expect(pageCountOf(params)).toBe(2);
    expect(pageCountOf({ attachment: "https://x/scan.png", features: [] })).toBe(1);
    expect(pageCountOf({ attachment: "https://x/doc.PDF?sig=1", features: [] })).toBeUndefined();
  });

  it("counts a PDF's pages from page_count, and shows an attachment as a PDF when it is one", () => {
    const { features } = params;
    const pdf = t.params.parse({ attachment: "taskforge://files/abc", page_count: 3, features });
    expect(pageCountOf(pdf)).toBe(3);
    expect(isPdfAttachment(pdf)).toBe(true);
    expect(isPdfAttachment({ attachment: "https://x/doc.pdf#p", features })).toBe(true);
    expect(isPdfAttachment({ attachment: "https://x/scan.png", features })).toBe(false);
    expect(isPdfAttachment(params)).toBe(false);
    // A URL naming no kind may be a PDF: its pages are unknown rather than taken to be one.
    expect(pageCountOf({ attachment: "taskforge://files/abc", features })).toBeUndefined();
    expect(paramIssue({ ...paramsInput, page_count: 2 })).toBeUndefined();
  });

  it.each([
    [
      "a page count of 0",
      { attachment: "https://x/a.pdf", page_count: 0, features: paramsInput.features },
      "page_count: must be at least 1",
    ],
    [
      "a page count over the limit",
      {
        attachment: "https://x/a.pdf",
        page_count: MAX_PDF_PAGES + 1,
        features: paramsInput.features,
      },
      `page_count: must be at most ${MAX_PDF_PAGES}`,
    ],
    [
      "a fractional page count",
      { attachment: "https://x/a.pdf", page_count: 1.5, features: paramsInput.features },
      "page_count: must be a whole number of pages",
    ],
    [
      "a page count that disagrees with the page images",
      { ...paramsInput, page_count: 3 },
      "page_count: must be the number of attachments (2) when pages are images",
    ],
  ])("refuses %s", (_name, input, message) => {
    expect(paramIssue(input)).toBe(message);
  });

  it("checks responses' pages against a PDF's page count, 0-based as Scale's", () => {
    const pdf = t.params.parse({
      attachment: "taskforge://files/abc",
      page_count: 3,
      features: paramsInput.features,
    });
    expect(t.checkResponse(pdf, { annotations: [block("a", { page: 2 })] })).toEqual([]);
    expect(t.checkResponse(pdf, { annotations: [block("a", { page: 3 })] })).toEqual([
      { path: ["annotations", 0, "page"], message: "must be below the number of pages (3)" },
    ]);
    // Without a count (a PDF given by URL), any page from 0 is taken.
    const unknown = t.params.parse({
      attachment: "https://x/a.pdf",
      features: paramsInput.features,
    });
    expect(t.checkResponse(unknown, { annotations: [block("a", { page: 40 })] })).toEqual([]);
    // Old single-image responses stay valid.
    const image = t.params.parse({
      attachment: "https://x/scan.jpg",
      features: paramsInput.features,
    });
    expect(t.checkResponse(image, { annotations: [block("a")] })).toEqual([]);
    expect(t.checkResponse(image, { annotations: [block("a", { page: 1 })] })).toHaveLength(1);
  });

  it.each([
    [
      "no attachment",
      { features: paramsInput.features },
      "attachments: give either attachments (page images) or attachment, exactly one",
    ],
    ["no features", { ...paramsInput, features: [] }, "features: must have at least 1 feature"],
    [
      "an unknown feature type",
      { ...paramsInput, features: [{ type: "table", label: "x" }] },
      "features.0.type: must be one of text, block, group",
    ],
    [
      "a block without label",
      { ...paramsInput, features: [{ type: "block" }] },
      "features.0.label: is required for a block feature",
    ],
    [
      "a group without title",
      { ...paramsInput, features: [{ type: "group", features: [] }] },
      "features.0.title: is required for a group feature",
    ],
    [
      "an unknown flag",
      { ...paramsInput, features: [{ type: "block", label: "x", flags: ["bold"] }] },
      "features.0.flags.0: must be one of line, key, value, thead, tbody, date, money, checkbox, region, query, span",
    ],
    [
      "a duplicate label inside a group",
      {
        ...paramsInput,
        features: [
          ...paramsInput.features,
          { type: "group", title: "G", features: [{ type: "block", label: "total" }] },
        ],
      },
      'features.4.features.0.label: duplicate feature label "total"',
    ],
    [
      "polygon locations",
      { ...paramsInput, geometry: "polygon" },
      'geometry: must be "box" (polygon locations are not supported)',
    ],
    [
      "a hypothesis on a missing page",
      { ...paramsInput, hypothesis: { annotations: [block("h", { page: 2 })] } },
      "hypothesis.annotations.0.page: must be below the number of pages (2)",
    ],
  ])("rejects %s", (_name, input, expected) => {
    expect(paramIssue(input)).toBe(expected);
  });
});

const check = (annotations: unknown[]) =>
  t
    .checkResponse(params, DocumentTranscriptionResponseSchema.parse({ annotations }))
    .map((issue) => `${issue.path.join(".")}: ${issue.message}`);

describe("documenttranscription response checks", () => {
  it("accepts labelled blocks with flag-specific answers and refs", () => {
    expect(
      check([
        block("v"),
        block("f", { label: "field", key: "invoice_number", value: "10-4", refs: ["v"] }),
        block("m", { label: "total", money: { amount: "9.50" }, page: 1 }),
        block("p", { label: "paid", checked: true, date: "2024-01-01" }),
      ]),
    ).toEqual([]);
  });

  it.each([
    [
      "a page past the end",
      [block("a", { page: 2 })],
      "annotations.0.page: must be below the number of pages (2)",
    ],
    [
      "a group title used as a label",
      [block("a", { label: "Header" })],
      'annotations.0.label: "Header" is not a feature label; expected one of "total", "field", "vendor", "paid"',
    ],
    [
      "a negative width",
      [block("a", { location: { type: "box", top: 0, left: 0, width: -1, height: 5 } })],
      "annotations.0.location.width: must not be negative",
    ],
    [
      "a negative top",
      [block("a", { location: { type: "box", top: -3, left: 0, width: 1, height: 5 } })],
      "annotations.0.location.top: must not be negative",
    ],
    [
      "a dangling ref",
      [block("a", { refs: ["zzz"] })],
      'annotations.0.refs.0: "zzz" is not the uuid of an annotation in this response',
    ],
    [
      "a self ref",
      [block("a", { refs: ["a"] })],
      "annotations.0.refs.0: an annotation cannot refer to itself",
    ],
    ["a duplicate uuid", [block("a"), block("a")], 'annotations.1.uuid: duplicate uuid "a"'],
    [
      "money on an unflagged feature",
      [block("a", { money: { amount: "1" } })],
      "annotations.0.money: is only allowed on features flagged money",
    ],
    [
      "a key on an unflagged feature",
      [block("a", { key: "invoice_number" })],
      "annotations.0.key: is only allowed on features flagged key or value",
    ],
    [
      "checked on an unflagged feature",
      [block("a", { checked: false })],
      "annotations.0.checked: is only allowed on features flagged checkbox",
    ],
    [
      "a key outside the feature's fields",
      [block("a", { label: "field", key: "total" })],
      'annotations.0.key: "total" is not one of the feature\'s fields: invoice_number',
    ],
  ])("reports %s", (_name, annotations, expected) => {
    expect(check(annotations)).toEqual([expected]);
  });

  it("rejects a location that is not a box and a missing text in the schema", () => {
    const polygon = {
      ...block("a"),
      location: { type: "polygon", top: 0, left: 0, width: 1, height: 1 },
    };
    expect(
      DocumentTranscriptionResponseSchema.safeParse({ annotations: [polygon] }).error?.issues[0]
        ?.path,
    ).toEqual(["annotations", 0, "location", "type"]);
    const { text: _text, ...noText } = block("a");
    expect(
      DocumentTranscriptionResponseSchema.safeParse({ annotations: [noText] }).error?.issues[0]
        ?.message,
    ).toBe("is required");
  });

  it("has placeholders and examples that pass the checks", () => {
    for (const example of t.examples) {
      const exampleParams = t.params.parse(example.params);
      expect(t.checkResponse(exampleParams, t.response.parse(example.response))).toEqual([]);
      expect(t.checkResponse(exampleParams, t.placeholderResponse(exampleParams))).toEqual([]);
    }
  });
});

describe("documenttranscription consolidation and scoring", () => {
  const answer = (...annotations: DocumentAnnotation[]): DocumentTranscriptionResponse => ({
    annotations,
  });

  it("takes the majority text (normalized) and the mean box", () => {
    const result = t.consolidate(params, [
      answer(block("a", { text: "ACME  corp", location: at(0) })),
      answer(block("b", { text: "acme corp", location: at(10) })),
      answer(block("c", { text: "ACNE corp", location: at(20) })),
    ]);
    expect(result.response.annotations).toEqual([
      block("a", { text: "ACME  corp", location: at(10) }),
    ]);
    expect(result.tied).toBe(false);
  });

  it("falls back to the medoid text when no text has a majority", () => {
    const result = t.consolidate(params, [
      answer(block("a", { text: "invoice 1042" })),
      answer(block("b", { text: "invoice 1047" })),
      answer(block("c", { text: "lnvoice 1042" })),
    ]);
    expect(result.response.annotations[0]?.text).toBe("invoice 1042");
    expect(result.notes).toEqual([
      'page 0 "vendor": no majority text; took "invoice 1042", the closest to the others',
    ]);
  });

  it("reports a tie between two different texts and keeps the first", () => {
    const result = t.consolidate(params, [
      answer(block("a", { text: "one" })),
      answer(block("b", { text: "two" })),
    ]);
    expect(result.response.annotations[0]?.text).toBe("one");
    expect(result.tied).toBe(true);
  });

  it("matches only on the same page and label, and re-points refs", () => {
    const key = (uuid: string, page = 0) =>
      block(uuid, { label: "field", key: "invoice_number", value: "7", page });
    const result = t.consolidate(params, [
      answer(key("k0"), block("v0", { refs: ["k0"] })),
      answer(key("k1"), block("v1", { refs: ["k1"] })),
      answer(key("k2", 1), block("v2", { refs: ["k2"] })),
    ]);
    expect(result.response.annotations.map((a) => [a.uuid, a.refs])).toEqual([
      ["k0", undefined],
      ["v0", ["k0"]],
    ]);
  });

  it("scores IoU × text similarity", () => {
    const gold = answer(
      block("g", { text: "abcd" }),
      block("h", { label: "total", text: "10.00", location: at(300) }),
    );
    expect(t.scoreAgainstGold(params, gold, gold)).toBe(1);
    // Right boxes, one text off by one character of four: (1 + 0.75) · 2 / 4.
    const typo = answer(
      block("g", { text: "abce" }),
      block("h", { label: "total", text: "10.00", location: at(300) }),
    );
    expect(t.scoreAgainstGold(params, typo, gold)).toBeCloseTo(0.875, 12);
    expect(t.scoreAgainstGold(params, answer(), gold)).toBe(0);
    expect(t.scoreAgainstGold(params, answer(block("x", { page: 1 })), answer(block("x")))).toBe(0);
  });
});
