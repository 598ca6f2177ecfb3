import { taskTypes, validateResponse } from "@taskforge/schema";
import type { CategorizationParams, ResponseIssue } from "@taskforge/schema";
import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it } from "vitest";

import { categorizationEditor } from ".";
import type { EditorValue } from "../types";
import { chosenCategories, pressCategory } from "./value";

const exampleParams = (index: number): CategorizationParams => {
  const example = taskTypes.categorization.examples[index];
  if (!example) throw new Error(`no example ${index}`);
  return taskTypes.categorization.params.parse(example.params);
};

const press = (params: CategorizationParams, ...labels: string[]): EditorValue =>
  labels.reduce<EditorValue>(
    (value, label) => pressCategory(params, value, label),
    categorizationEditor.initialValue(params),
  );

const render = (params: CategorizationParams, value: EditorValue, issues: ResponseIssue[] = []) =>
  renderToStaticMarkup(
    <categorizationEditor.Editor
      params={params}
      value={value}
      onChange={() => undefined}
      issues={issues}
    />,
  );

describe("categorization value", () => {
  it("starts with nothing chosen, which the check refuses", () => {
    const params = exampleParams(0);
    expect(categorizationEditor.initialValue(params)).toEqual({});
    expect(validateResponse("categorization", params, {}).success).toBe(false);
  });

  it("one choice: the last pressed category wins, as the registry's example expects", () => {
    const params = exampleParams(0);
    const value = press(params, "big", "small");
    expect(value).toEqual({ category: "small" });
    expect(value).toEqual(taskTypes.categorization.examples[0]?.response);
    expect(validateResponse("categorization", params, value).success).toBe(true);
  });

  it("several: toggles in the params' order and carries the ids, as in the example", () => {
    const params = exampleParams(1);
    const value = press(params, "dog", "bird", "cat", "bird");
    expect(value).toEqual({ category: ["cat", "dog"], category_ids: ["c1", "c2"] });
    expect(validateResponse("categorization", params, value).success).toBe(true);
    expect(chosenCategories(value)).toEqual(["cat", "dog"]);
  });

  it("unpressing every category leaves an empty list the check names", () => {
    const params = exampleParams(1);
    const value = press(params, "cat", "cat");
    expect(value).toEqual({ category: [], category_ids: [] });
    const result = validateResponse("categorization", params, value);
    expect(result.success).toBe(false);
    if (!result.success) expect(result.issues[0]?.path).toEqual(["response", "category"]);
  });

  it("Scale's category_ids give category_id for one choice", () => {
    const params = exampleParams(2);
    const value = press(params, "public");
    expect(value).toEqual({ category: "public", category_id: "pub" });
    expect(validateResponse("categorization", params, value).success).toBe(true);
  });

  it("ignores a label that is not a category", () => {
    const params = exampleParams(0);
    expect(pressCategory(params, { category: "big" }, "huge")).toEqual({ category: "big" });
  });
});

describe("CategorizationEditor", () => {
  it("shows each category as a toggle with its key, marks the chosen one, shows the text", () => {
    const html = render(exampleParams(0), { category: "small" });
    expect(html).toContain(">car</blockquote>");
    expect(html).toMatch(/aria-pressed="false"[^>]*>.*?>1<\/kbd>.*?big/);
    expect(html).toMatch(/aria-pressed="true"[^>]*>.*?>2<\/kbd>.*?small/);
    expect(html).toContain("Choose one category");
  });

  it("shows the image, the descriptions and that several may be chosen", () => {
    const html = render(exampleParams(1), {});
    expect(html).toContain('src="https://example.com/pets.jpg"');
    expect(html).toContain("Any domestic cat");
    expect(html).toContain("Choose every category that fits");
  });

  it("shows a website as a link and the check's problem at the categories", () => {
    const html = render(exampleParams(2), {}, [
      { path: ["category"], message: "must be a category label" },
    ]);
    expect(html).toContain('href="https://www.example.com"');
    expect(html).toMatch(
      /id="categorization-problems" role="alert"[^>]*><li>must be a category label/,
    );
  });

  it("disables the toggles when read-only", () => {
    const html = renderToStaticMarkup(
      <categorizationEditor.Editor
        params={exampleParams(0)}
        value={{ category: "big" }}
        onChange={() => undefined}
        issues={[]}
        readOnly
      />,
    );
    expect(html.match(/disabled=""/g)).toHaveLength(2);
  });
});
