import { taskTypes, validateResponse } from "@taskforge/schema";
import type { ComparisonParams, ResponseIssue } from "@taskforge/schema";
import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it } from "vitest";

import { comparisonEditor } from ".";
import type { EditorValue } from "../types";
import {
  dropIndex,
  moveItem,
  rankingOf,
  ratingOf,
  ratingSteps,
  withRating,
  withRationale,
} from "./ranking";

const exampleParams = (index: number): ComparisonParams => {
  const example = taskTypes.comparison.examples[index];
  if (!example) throw new Error(`no example ${index}`);
  return taskTypes.comparison.params.parse(example.params);
};

const render = (
  params: ComparisonParams,
  value: EditorValue,
  issues: ResponseIssue[] = [],
  readOnly = false,
) =>
  renderToStaticMarkup(
    <comparisonEditor.Editor
      params={params}
      value={value}
      onChange={() => undefined}
      issues={issues}
      readOnly={readOnly}
    />,
  );

describe("ranking maths", () => {
  it("moves an entry up and down", () => {
    expect(moveItem([0, 1, 2], 2, 0)).toEqual([2, 0, 1]);
    expect(moveItem([0, 1, 2], 0, 2)).toEqual([1, 2, 0]);
    expect(moveItem([0, 1, 2], 1, 1)).toEqual([0, 1, 2]);
    expect(moveItem([0, 1, 2], 0, 9)).toEqual([1, 2, 0]);
  });

  it("drops a dragged entry after every other entry whose middle the pointer passed", () => {
    const middles = [50, 150, 250];
    expect(dropIndex(10, middles, 2)).toBe(0);
    expect(dropIndex(149, middles, 2)).toBe(1);
    expect(dropIndex(151, middles, 0)).toBe(1);
    expect(dropIndex(400, middles, 0)).toBe(2);
    // The dragged entry's own middle does not count.
    expect(dropIndex(60, middles, 0)).toBe(0);
  });

  it("reads a ranking only when it orders every attachment once", () => {
    expect(rankingOf({ ranking: [2, 0, 1] }, 3)).toEqual([2, 0, 1]);
    expect(rankingOf({ ranking: [2, 2, 1] }, 3)).toEqual([0, 1, 2]);
    expect(rankingOf({ ranking: [1, 0] }, 3)).toEqual([0, 1, 2]);
    expect(rankingOf({}, 2)).toEqual([0, 1]);
  });

  it("offers buttons for small whole-number scales only", () => {
    expect(ratingSteps(1, 5)).toEqual([1, 2, 3, 4, 5]);
    expect(ratingSteps(0, 100)).toBeUndefined();
    expect(ratingSteps(0, 1.5)).toBeUndefined();
  });
});

describe("comparison value", () => {
  it("ranking mode starts with every output in the given order", () => {
    const params = exampleParams(1);
    expect(comparisonEditor.initialValue(params)).toEqual({ ranking: [0, 1, 2] });
    expect(comparisonEditor.initialValue(exampleParams(0))).toEqual({});
  });

  it("builds the ranking example: a move, then every rating", () => {
    const params = exampleParams(1);
    let value = comparisonEditor.initialValue(params);
    value = { ...value, ranking: moveItem(rankingOf(value, 3), 2, 0) };
    value = withRating(params, value, "quality", 1, 2);
    // Partly rated: the check names the unrated outputs exactly.
    const partial = validateResponse("comparison", params, value);
    expect(partial.success).toBe(false);
    if (!partial.success) {
      expect(partial.issues.map((issue) => issue.path)).toEqual([
        ["response", "ratings", "quality", 0],
        ["response", "ratings", "quality", 2],
      ]);
    }
    value = withRating(params, value, "quality", 0, 3);
    value = withRating(params, value, "quality", 2, 5);
    expect(value).toEqual(taskTypes.comparison.examples[1]?.response);
    expect(validateResponse("comparison", params, value).success).toBe(true);
    expect(ratingOf(value, "quality", 2)).toBe(5);
  });

  it("builds the choice example with a rationale; an emptied rationale is refused", () => {
    const params = exampleParams(0);
    let value: EditorValue = {
      ...comparisonEditor.initialValue(params),
      choice: "first is better",
    };
    value = withRationale(value, "The second answer is wrong.");
    expect(value).toEqual(taskTypes.comparison.examples[0]?.response);
    expect(validateResponse("comparison", params, value).success).toBe(true);
    const emptied = withRationale(value, "");
    expect(emptied).toEqual({ choice: "first is better" });
    const result = validateResponse("comparison", params, emptied);
    expect(result.success).toBe(false);
    if (!result.success) expect(result.issues[0]?.path).toEqual(["response", "rationale"]);
  });
});

describe("ComparisonEditor", () => {
  it("shows the outputs side by side with a rating scale each, and the ranking list", () => {
    const html = render(exampleParams(1), {
      ranking: [2, 0, 1],
      ratings: { quality: [null, 4, null] },
    });
    expect(html).toMatch(/<ol aria-label="Outputs"/);
    expect(html).toContain('src="https://example.com/c.png"');
    expect(html).toMatch(/aria-label="Image quality of Output 2: 4"/);
    expect(html).toMatch(
      /role="radio" aria-checked="true" aria-label="Image quality of Output 2: 4"/,
    );
    expect(html).toMatch(
      /<ol aria-label="Ranking, best first".*?data-attachment="2" data-rank="1".*?data-attachment="0" data-rank="2".*?data-attachment="1" data-rank="3"/,
    );
    expect(html).toContain("Alt+Up or Alt+Down");
  });

  it("shows choices as toggles, the rationale as required, and problems where they belong", () => {
    const html = render(exampleParams(0), { choice: "equally good" }, [
      { path: ["rationale"], message: "is required (require_rationale is true)" },
    ]);
    expect(html).toMatch(/aria-pressed="true"[^>]*>.*?equally good/);
    expect(html).toMatch(/aria-pressed="false"[^>]*>.*?first is better/);
    expect(html).toMatch(
      /<textarea id="comparison-rationale"[^>]*aria-required="true" aria-invalid="true"/,
    );
    expect(html).toMatch(
      /id="comparison-rationale-problems" role="alert"[^>]*><li>is required \(require_rationale is true\)/,
    );
  });

  it("says an output is not rated yet where the check found its rating missing", () => {
    const html = render(
      exampleParams(1),
      { ranking: [0, 1, 2], ratings: { quality: [3, null, 2] } },
      [
        {
          path: ["ratings", "quality", 1],
          message: "Invalid input: expected number, received null",
        },
      ],
    );
    expect(html).toMatch(/id="rating-quality-1-problems" role="alert"[^>]*><li>is not rated yet/);
  });

  it("shows a rating problem on the output it concerns", () => {
    const html = render(exampleParams(1), { ranking: [0, 1, 2], ratings: { quality: [1, 9, 1] } }, [
      { path: ["ratings", "quality", 1], message: "must be a number from 1 to 5" },
    ]);
    expect(html).toMatch(/id="rating-quality-1-problems" role="alert"[^>]*><li>must be a number/);
    expect(html).not.toContain('id="rating-quality-0-problems"');
  });

  it("locks every control when read-only", () => {
    const html = render(exampleParams(1), { ranking: [0, 1, 2] }, [], true);
    // 3 outputs × 5 rating steps + 3 ranking handles.
    expect(html.match(/disabled=""/g)).toHaveLength(18);
    expect(html).toMatch(/<textarea id="comparison-rationale"[^>]*readOnly=""/);
  });
});
