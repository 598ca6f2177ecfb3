import { taskTypes, validateResponse } from "@taskforge/schema";
import type { ResponseIssue, TextCollectionParams } from "@taskforge/schema";
import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it } from "vitest";

import { textcollectionEditor } from ".";
import type { EditorValue } from "../types";
import {
  answerOf,
  datetimeAnswer,
  datetimeInputValue,
  numberAnswer,
  textAnswer,
  toggleChoice,
  withAnswer,
} from "./answers";

const exampleParams = (index: number): TextCollectionParams => {
  const example = taskTypes.textcollection.examples[index];
  if (!example) throw new Error(`no example ${index}`);
  return taskTypes.textcollection.params.parse(example.params);
};

const render = (params: TextCollectionParams, value: EditorValue, issues: ResponseIssue[] = []) =>
  renderToStaticMarkup(
    <textcollectionEditor.Editor
      params={params}
      value={value}
      onChange={() => undefined}
      issues={issues}
    />,
  );

describe("text collection answers", () => {
  it("builds the first example's response from what the inputs give", () => {
    const params = exampleParams(0);
    let value = textcollectionEditor.initialValue(params);
    value = withAnswer(value, "summary", textAnswer("An example domain."));
    value = withAnswer(value, "topic", "news");
    value = withAnswer(value, "quality", numberAnswer(" 3 "));
    value = withAnswer(value, "safe", true);
    expect(value).toEqual(taskTypes.textcollection.examples[0]?.response);
    expect(validateResponse("textcollection", params, value).success).toBe(true);
  });

  it("builds a list answer and a date-time read as UTC, which pass the check", () => {
    const params = exampleParams(1);
    let value = textcollectionEditor.initialValue(params);
    value = withAnswer(value, "keywords", ["launch", "plan"]);
    value = withAnswer(value, "date", datetimeAnswer("2025-05-02T10:30"));
    expect(value).toEqual({
      annotations: { keywords: ["launch", "plan"], date: "2025-05-02T10:30:00.000Z" },
    });
    expect(validateResponse("textcollection", params, value).success).toBe(true);
  });

  it("an emptied field is unanswered, so a required one is reported at its path", () => {
    const params = exampleParams(0);
    const value = withAnswer(
      withAnswer({ annotations: {} }, "summary", "x"),
      "summary",
      textAnswer(""),
    );
    expect(answerOf(value, "summary")).toBeUndefined();
    const result = validateResponse("textcollection", params, value);
    expect(result.success).toBe(false);
    if (!result.success) {
      expect(result.issues).toContainEqual({
        path: ["response", "annotations", "summary"],
        message: "is required",
      });
    }
  });

  it("keeps text that is not a number so the check names it at the field", () => {
    expect(numberAnswer("")).toBeUndefined();
    expect(numberAnswer("-2.5")).toBe(-2.5);
    expect(numberAnswer("abc")).toBe("abc");
  });

  it("converts date-time inputs both ways", () => {
    expect(datetimeAnswer("")).toBeUndefined();
    expect(datetimeAnswer("2024-02-29T23:59:58.5")).toBe("2024-02-29T23:59:58.500Z");
    expect(datetimeInputValue("2025-05-02T10:30:00.000Z")).toBe("2025-05-02T10:30");
    expect(datetimeInputValue("2025-05-02")).toBe("2025-05-02T00:00");
    expect(datetimeInputValue(3)).toBe("");
  });

  it("toggles several choices in the choices' order, and none is no answer", () => {
    const field = taskTypes.textcollection.params.parse({
      attachments: [{ type: "text", content: "x" }],
      fields: [
        {
          field_id: "tags",
          type: "category",
          title: "Tags",
          max_responses_required: 3,
          choices: [
            { label: "A", value: "a" },
            { label: "B", value: "b" },
          ],
        },
      ],
    }).fields[0];
    if (!field) throw new Error("no field");
    expect(toggleChoice(field, ["b"], "a")).toEqual(["a", "b"]);
    expect(toggleChoice(field, ["a"], "a")).toBeUndefined();
  });

  it("keeps a field_id such as constructor as an own key", () => {
    const value = withAnswer({ annotations: {} }, "constructor", "x");
    expect(answerOf(value, "constructor")).toBe("x");
    expect(answerOf({ annotations: {} }, "constructor")).toBeUndefined();
  });
});

describe("TextCollectionEditor", () => {
  it("generates an input per field kind, with required markers, hints and the attachment", () => {
    const html = render(exampleParams(0), { annotations: { quality: 4, topic: "news" } });
    expect(html).toContain('href="https://www.example.com"');
    expect(html).toMatch(
      /<label id="field-summary-label" for="field-summary"[^>]*>Summarize the page<span[^>]*>\*<\/span>/,
    );
    expect(html).toMatch(/<textarea id="field-summary"[^>]*aria-required="true"/);
    expect(html).toMatch(
      /<input id="field-quality"[^>]*type="number"[^>]*min="1" max="5"[^>]*value="4"/,
    );
    expect(html).toContain("from 1 to 5");
    expect(html).toContain('<span id="field-topic-label" class="block text-sm font-medium');
    expect(html).toMatch(/role="radiogroup" aria-labelledby="field-topic-label"/);
    expect(html).toMatch(/<input type="radio" name="field-topic" checked=""\/>News/);
    expect(html).toMatch(/type="radio" name="field-safe"[^>]*\/>Yes/);
  });

  it("shows each problem under its field, naming the entry of a list", () => {
    const html = render(exampleParams(1), { annotations: { keywords: ["", "b"] } }, [
      { path: ["annotations", "keywords", 0], message: "must be a non-empty string" },
      { path: ["annotations", "date"], message: "must be an ISO-8601 date or date-time" },
    ]);
    expect(html).toMatch(
      /data-field="keywords".*id="field-keywords-problems" role="alert"[^>]*><li>answer 1 must be a non-empty string<\/li>/,
    );
    expect(html).toMatch(/<input id="field-date"[^>]*type="datetime-local"/);
    expect(html).toMatch(/aria-invalid="true" aria-describedby="field-date-problems"/);
    expect(html).toContain("(optional)");
    expect(html).toContain("1–3 answers");
    expect(html).toContain(">Add another</button>");
  });

  it("shows the answers but no editing controls when read-only", () => {
    const html = renderToStaticMarkup(
      <textcollectionEditor.Editor
        params={exampleParams(1)}
        value={{ annotations: { keywords: ["a", "b"] } }}
        onChange={() => undefined}
        issues={[]}
        readOnly
      />,
    );
    expect(html).not.toContain("Add another");
    expect(html).not.toContain("Remove");
    expect(html).toMatch(/disabled=""[^>]*>a<\/textarea>/);
  });
});
