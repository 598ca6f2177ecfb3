import { describe, expect, it } from "vitest";

import type { TaskTypeDefinition } from "./definition";
import { formatIssues } from "./issues";
import {
  TASK_TYPE_IDS,
  TaskTypeSchema,
  getTaskType,
  isTaskType,
  parseTaskParams,
  taskTypes,
  validateResponse,
} from "./registry";

// The types of the task-type catalog, in registry order: ten, then Scale's five legacy image types.
const ALL_TYPES = [
  "categorization",
  "imageannotation",
  "videoannotation",
  "lidarsegmentation",
  "documenttranscription",
  "textcollection",
  "namedentityrecognition",
  "comparison",
  "audiotranscription",
  "segmentannotation",
  "annotation",
  "polygonannotation",
  "lineannotation",
  "pointannotation",
  "cuboidannotation",
];
const UNKNOWN_TYPE = `Unknown task type "lidar". Supported types: ${ALL_TYPES.join(", ")}`;

const categorizationParams = {
  attachment_type: "text",
  attachment: "car",
  categories: ["big", "small"],
};

describe("the registry", () => {
  it("lists each type under its own id", () => {
    expect(TASK_TYPE_IDS).toEqual(ALL_TYPES);
    for (const id of TASK_TYPE_IDS) expect(taskTypes[id].id).toBe(id);
  });

  it("finds types by id, but not Object.prototype members", () => {
    expect(getTaskType("categorization")).toBe(taskTypes.categorization);
    expect(getTaskType("lidar")).toBeUndefined();
    expect(getTaskType("toString")).toBeUndefined();
    expect(isTaskType("textcollection")).toBe(true);
    expect(isTaskType("__proto__")).toBe(false);
  });

  it("TaskTypeSchema names the supported types when it rejects one", () => {
    expect(TaskTypeSchema.parse("textcollection")).toBe("textcollection");
    expect(TaskTypeSchema.safeParse("lidar").error?.issues[0]?.message).toBe(UNKNOWN_TYPE);
  });

  it.each(TASK_TYPE_IDS)("%s has a title and description", (id) => {
    expect(taskTypes[id].title).not.toBe("");
    expect(taskTypes[id].description).not.toBe("");
  });
});

describe("parseTaskParams", () => {
  it("returns the parsed params with defaults", () => {
    const result = parseTaskParams("categorization", categorizationParams);
    expect(result).toEqual({
      success: true,
      data: { ...categorizationParams, allow_multiple: false },
    });
  });

  it("prefixes issue paths with params", () => {
    const result = parseTaskParams("categorization", {
      ...categorizationParams,
      categories: ["x"],
    });
    expect(result).toEqual({
      success: false,
      issues: [{ path: ["params", "categories"], message: "must have at least 2 categories" }],
    });
  });

  it("reports an unknown type at path type", () => {
    expect(parseTaskParams("lidar", {})).toEqual({
      success: false,
      issues: [{ path: ["type"], message: UNKNOWN_TYPE }],
    });
  });

  it("rejects params that are not an object", () => {
    const result = parseTaskParams("textcollection", "nope");
    expect(result.success).toBe(false);
  });
});

describe("validateResponse", () => {
  it("accepts a valid response", () => {
    expect(validateResponse("categorization", categorizationParams, { category: "small" })).toEqual(
      {
        success: true,
        data: { category: "small" },
      },
    );
  });

  it("reports shape errors under response", () => {
    const result = validateResponse("categorization", categorizationParams, { label: "small" });
    if (result.success) throw new Error("expected failure");
    expect(result.issues.map((issue) => issue.path)).toContainEqual(["response", "category"]);
  });

  it("reports checkResponse failures under response", () => {
    const result = validateResponse("categorization", categorizationParams, { category: "huge" });
    if (result.success) throw new Error("expected failure");
    expect(formatIssues(result.issues)).toBe(
      'response.category: "huge" is not one of the categories: big, small',
    );
  });

  it("reports invalid params instead of checking against them", () => {
    const result = validateResponse(
      "categorization",
      { attachment_type: "text" },
      { category: "a" },
    );
    if (result.success) throw new Error("expected failure");
    expect(result.issues[0]?.path[0]).toBe("params");
  });

  it("reports an unknown type", () => {
    expect(validateResponse("lidar", {}, {})).toEqual({
      success: false,
      issues: [{ path: ["type"], message: UNKNOWN_TYPE }],
    });
  });

  it("formats nested paths with indices", () => {
    const params = {
      attachments: [{ type: "text", content: "hello" }],
      fields: [
        { field_id: "a", type: "text", title: "A" },
        { field_id: "a", type: "text", title: "B" },
      ],
    };
    const result = parseTaskParams("textcollection", params);
    if (result.success) throw new Error("expected failure");
    expect(formatIssues(result.issues)).toBe('params.fields[1].field_id: duplicate field_id "a"');
  });

  it.each([
    ["categorization", categorizationParams],
    [
      "textcollection",
      {
        attachments: [{ type: "text", content: "hello" }],
        fields: [{ field_id: "greeting", type: "text", title: "Greeting" }],
      },
    ],
  ] as const)("accepts the placeholder response of %s", (type, rawParams) => {
    const parsed = parseTaskParams(type, rawParams);
    if (!parsed.success) throw new Error(formatIssues(parsed.issues));
    const definition = getTaskType(type);
    const placeholder = definition?.placeholderResponse(parsed.data);
    expect(validateResponse(type, rawParams, placeholder).success).toBe(true);
  });
});

describe.each(TASK_TYPE_IDS)("the %s examples", (type) => {
  const definition = taskTypes[type] as TaskTypeDefinition;

  it("has at least two", () => {
    expect(definition.examples.length).toBeGreaterThanOrEqual(2);
  });

  it.each(definition.examples.map((example) => [example.name, example] as const))(
    "%s: params parse, the response and the placeholder are valid, and it agrees with itself",
    (_name, example) => {
      const parsed = parseTaskParams(type, example.params);
      if (!parsed.success) throw new Error(formatIssues(parsed.issues));
      // What may be stored may also be sent: the caller's form only leaves more out.
      expect(definition.inputParams.safeParse(example.params).success).toBe(true);
      const checked = validateResponse(type, example.params, example.response);
      if (!checked.success) throw new Error(formatIssues(checked.issues));
      const placeholder = definition.placeholderResponse(parsed.data);
      const placeholderCheck = validateResponse(type, example.params, placeholder);
      if (!placeholderCheck.success) throw new Error(formatIssues(placeholderCheck.issues));

      const response = checked.data;
      const consensus = definition.consolidate(parsed.data, [response, response, response]);
      expect(consensus.agreement).toBe(1);
      expect(consensus.tied).toBe(false);
      expect(validateResponse(type, example.params, consensus.response).success).toBe(true);
      expect(definition.scoreAgainstGold(parsed.data, response, response)).toBe(1);
    },
  );
});
