import { parseTaskParams, validateResponse } from "@taskforge/schema";
import type { TaskParams } from "@taskforge/schema";
import { describe, expect, it } from "vitest";

import { EDITORS } from "../registry";

const paramsOf = <T extends "annotation" | "pointannotation">(
  type: T,
  params: unknown,
): TaskParams<T> => {
  const parsed = parseTaskParams<T>(type, params);
  if (!parsed.success) throw new Error(JSON.stringify(parsed.issues));
  return parsed.data;
};

describe("the legacy image editors' starting value", () => {
  it("is the hypothesis in the legacy shape, each annotation given a uuid to edit it by", () => {
    const params = paramsOf("annotation", {
      attachment: "https://example.com/cows.jpg",
      objects_to_annotate: ["cow"],
      with_labels: true,
      hypothesis: {
        annotations: [
          { label: "cow", left: 1.4, top: 2, width: 30, height: 40 },
          { uuid: "mine", label: "cow", left: 50, top: 60, width: 10, height: 10 },
        ],
      },
    });
    const value = EDITORS.annotation.initialValue(params);
    expect(value).toEqual({
      annotations: [
        { uuid: "legacy-1", label: "cow", left: 1.4, top: 2, width: 30, height: 40 },
        { uuid: "mine", label: "cow", left: 50, top: 60, width: 10, height: 10 },
      ],
    });
    expect(validateResponse("annotation", params, value)).toMatchObject({ success: true });
  });

  it("carries no label when the task asks for none, and is empty without a hypothesis", () => {
    const base = { attachment: "https://example.com/cows.jpg", objects_to_annotate: ["nose"] };
    expect(EDITORS.pointannotation.initialValue(paramsOf("pointannotation", base))).toEqual({
      annotations: [],
    });
    const params = paramsOf("pointannotation", {
      ...base,
      hypothesis: { annotations: [{ x: 3, y: 4 }] },
    });
    expect(EDITORS.pointannotation.initialValue(params)).toEqual({
      annotations: [{ uuid: "legacy-1", x: 3, y: 4 }],
    });
  });
});
