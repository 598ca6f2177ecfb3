import { taskTypes, validateResponse } from "@taskforge/schema";
import type { DocumentTranscriptionParams, ResponseIssue } from "@taskforge/schema";
import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it } from "vitest";

import { documenttranscriptionEditor } from ".";
import type { EditorValue } from "../types";
import {
  addAnnotation,
  annotationsOf,
  newUuid,
  removeAnnotation,
  updateAnnotation,
} from "./annotations";
import { boxFromDrag } from "./box-math";

const exampleParams = (index: number): DocumentTranscriptionParams => {
  const example = taskTypes.documenttranscription.examples[index];
  if (!example) throw new Error(`no example ${index}`);
  return taskTypes.documenttranscription.params.parse(example.params);
};

const render = (
  params: DocumentTranscriptionParams,
  value: EditorValue,
  issues: ResponseIssue[] = [],
  readOnly = false,
) =>
  renderToStaticMarkup(
    <documenttranscriptionEditor.Editor
      params={params}
      value={value}
      onChange={() => undefined}
      issues={issues}
      readOnly={readOnly}
    />,
  );

const page = { width: 1600, height: 1200 };

describe("document transcription value", () => {
  it("starts empty, or from the hypothesis as editable boxes", () => {
    const params = exampleParams(0);
    expect(documenttranscriptionEditor.initialValue(params)).toEqual({ annotations: [] });
    const hypothesis = taskTypes.documenttranscription.examples[0]?.response as {
      annotations: unknown[];
    };
    const withHypothesis = taskTypes.documenttranscription.params.parse({
      ...(taskTypes.documenttranscription.examples[0]?.params as object),
      hypothesis,
    });
    const initial = documenttranscriptionEditor.initialValue(withHypothesis);
    expect(initial).toEqual(hypothesis);
    // A copy: editing it must not change the task's params.
    expect(initial["annotations"]).not.toBe(withHypothesis.hypothesis?.annotations);
  });

  it("builds the invoice example from drawn boxes and typed answers", () => {
    const params = exampleParams(0);
    const example = taskTypes.documenttranscription.examples[0]?.response;
    let value = documenttranscriptionEditor.initialValue(params);
    value = addAnnotation(value, {
      uuid: "f5114a62-0001",
      page: 0,
      label: "vendor_name",
      box: boxFromDrag({ x: 360, y: 72 }, { x: 60, y: 40 }, page),
    });
    value = updateAnnotation(value, "f5114a62-0001", { text: "ACME Corp." });
    value = addAnnotation(value, {
      uuid: "f5114a62-0002",
      page: 0,
      label: "invoice_field",
      box: boxFromDrag({ x: 60, y: 120 }, { x: 300, y: 144 }, page),
    });
    value = updateAnnotation(value, "f5114a62-0002", {
      text: "Invoice # 10-442",
      key: "invoice_number",
      value: "10-442",
    });
    value = addAnnotation(value, {
      uuid: "74bf3036-0003",
      page: 1,
      label: "line_item_unit_price",
      box: boxFromDrag({ x: 1391.97, y: 821.98 }, { x: 1468.99, y: 848 }, page),
    });
    value = updateAnnotation(value, "74bf3036-0003", {
      text: "914.29",
      money: { amount: "914.29", currency: "USD" },
    });
    expect(validateResponse("documenttranscription", params, value).success).toBe(true);
    // The example also carries refs, which the editor keeps but does not draw.
    const withoutRefs = (example as { annotations: Record<string, unknown>[] }).annotations.map(
      ({ refs: _refs, ...rest }) => rest,
    );
    expect(annotationsOf(value)).toEqual(withoutRefs);
  });

  it("removes an optional answer set to undefined, and references to a deleted box", () => {
    let value: EditorValue = {
      annotations: [
        {
          uuid: "a",
          page: 0,
          label: "x",
          text: "",
          key: "k",
          location: { type: "box", left: 0, top: 0, width: 5, height: 5 },
        },
        {
          uuid: "b",
          page: 0,
          label: "x",
          text: "",
          refs: ["a"],
          location: { type: "box", left: 0, top: 0, width: 5, height: 5 },
        },
      ],
    };
    value = updateAnnotation(value, "a", { key: undefined });
    expect(annotationsOf(value)[0]).not.toHaveProperty("key");
    value = removeAnnotation(value, "a");
    expect(annotationsOf(value)).toEqual([
      {
        uuid: "b",
        page: 0,
        label: "x",
        text: "",
        refs: [],
        location: { type: "box", left: 0, top: 0, width: 5, height: 5 },
      },
    ]);
  });

  it("makes distinct uuids", () => {
    expect(new Set(Array.from({ length: 50 }, newUuid)).size).toBe(50);
  });
});

describe("DocumentTranscriptionEditor", () => {
  const value = {
    annotations: [
      {
        uuid: "u1",
        page: 0,
        label: "invoice_field",
        text: "Invoice 7",
        key: "invoice_number",
        location: { type: "box", left: 10, top: 20, width: 30, height: 40 },
      },
      {
        uuid: "u2",
        page: 1,
        label: "line_item_unit_price",
        text: "5.00",
        location: { type: "box", left: 1, top: 2, width: 3, height: 4 },
      },
    ],
  };

  it("shows the first page with its boxes, the features to draw and the page navigation", () => {
    const html = render(exampleParams(0), value);
    expect(html).toContain('src="https://example.com/invoice/page-1.png"');
    expect(html).not.toContain("page-2.png");
    expect(html).toMatch(/<rect data-uuid="u1"[^>]*x="10" y="20" width="30" height="40"/);
    expect(html).not.toContain('data-uuid="u2"');
    expect(html).toContain("Page 1 of 2");
    expect(html).toMatch(/aria-pressed="true"[^>]*>.*?invoice_field/);
    expect(html).toMatch(/aria-pressed="false"[^>]*>.*?vendor_name/);
    expect(html).not.toContain(">Header<");
  });

  it("lists the page's boxes with their text and the key/value answers their feature asks for", () => {
    const html = render(exampleParams(0), value);
    expect(html).toMatch(
      /<label[^>]*for="box-u1-text"[^>]*>Text of box 1 \(invoice_field\)<\/label>/,
    );
    expect(html).toMatch(/<textarea id="box-u1-text"[^>]*>Invoice 7<\/textarea>/);
    expect(html).toMatch(/<option value="invoice_number" selected="">invoice_number<\/option>/);
    expect(html).toContain("Value");
    expect(html).not.toContain("Amount");
  });

  it("marks a box with a problem and shows the problem beside it, and pages with problems", () => {
    const html = render(exampleParams(0), value, [
      { path: ["annotations", 0, "key"], message: '"x" is not one of the feature\'s fields' },
      { path: ["annotations", 1, "label"], message: "is not a feature label" },
    ]);
    expect(html).toMatch(/<rect data-uuid="u1"[^>]*stroke="#dc2626"/);
    expect(html).toMatch(/role="alert"[^>]*><li>key: &quot;x&quot; is not one of the feature/);
    expect(html).toContain("Boxes with problems on page 2.");
  });

  it("shows date, checkbox answers for a single scanned form, read-only without delete", () => {
    const html = render(
      exampleParams(1),
      taskTypes.documenttranscription.examples[1]?.response as EditorValue,
      [],
      true,
    );
    expect(html).toContain('src="gs://bucket/forms/consent.jpg"');
    expect(html).toContain("Page 1 of 1");
    expect(html).toMatch(/type="date"[^>]*value="2024-03-12"/);
    expect(html).toMatch(/type="checkbox" disabled="" checked=""/);
    expect(html).not.toContain(">Delete<");
  });
});

describe("document transcription of a PDF", () => {
  it("numbers a PDF's pages from its recorded count until pdf.js has opened it", () => {
    const params = taskTypes.documenttranscription.params.parse({
      attachment: "taskforge://files/scan",
      page_count: 12,
      features: [{ type: "block", label: "total" }],
    });
    const html = render(params, { annotations: [] });
    expect(html).toContain("Page 1 of 12");
    expect(html).toContain("Opening the PDF…");
    expect(html).toContain("Go to page");
    // Fit to width at first: zooming out is as far as it goes.
    expect(html).toMatch(/aria-label="Zoom out" disabled=""/);
    expect(html).toContain(">100%<");
  });

  it("shows page images as before, as images", () => {
    const html = render(exampleParams(0), { annotations: [] });
    expect(html).toContain("<img");
    expect(html).not.toContain("Opening the PDF");
  });
});
