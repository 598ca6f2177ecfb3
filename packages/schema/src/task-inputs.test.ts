import { describe, expect, it } from "vitest";

import {
  CREATE_TASK_COMMON_KEYS,
  CancelTaskInputSchema,
  ChangeTagsInputSchema,
  CreateTaskInputSchema,
  CreateTaskIdsResultSchema,
  CreateTasksInputSchema,
  CreateTasksResultSchema,
  SetMetadataInputSchema,
  SetTagsInputSchema,
  SetUniqueIdInputSchema,
  TaskIdInputSchema,
} from "./task-inputs";
import { TASK_TYPE_IDS } from "./task-types/registry";

const TASK_ID = "576ba74eec471ff9b01557cc";

const categorization = {
  type: "categorization",
  params: { attachment_type: "text", attachment: "car", categories: ["big", "small"] },
};

const messages = (input: unknown) =>
  CreateTaskInputSchema.safeParse(input).error?.issues.map(
    (issue) => `${issue.path.join(".")}: ${issue.message}`,
  );

describe("CreateTaskInputSchema", () => {
  it("accepts a categorization task with every common option", () => {
    const input = {
      ...categorization,
      instruction: "Is this item **big**?",
      callback_url: "https://example.com/cb",
      metadata: { source: "test" },
      unique_id: "item-1",
      tags: ["a", "b"],
      project: "My Project",
      batch: "batch_1",
      priority: 30,
      project_version: -1,
      clear_unique_id_on_error: true,
    };
    const parsed = CreateTaskInputSchema.parse(input);
    expect(parsed).toEqual({ ...input, params: { ...input.params, allow_multiple: false } });
  });

  it("accepts a textcollection task and applies its params defaults", () => {
    const parsed = CreateTaskInputSchema.parse({
      type: "textcollection",
      params: {
        attachments: [{ type: "text", content: "Hello" }],
        fields: [{ field_id: "lang", type: "text", title: "Language" }],
      },
    });
    if (parsed.type !== "textcollection") throw new Error("wrong variant");
    expect(parsed.params.fields[0]?.min_responses_required).toBe(1);
  });

  it("rejects unknown top-level keys", () => {
    expect(messages({ ...categorization, urgency: "day" })).toEqual([
      ': Unrecognized key: "urgency"',
    ]);
  });

  it("names the supported types for an unknown or missing type", () => {
    expect(messages({ ...categorization, type: "lidar" })).toEqual([
      `type: Unknown task type "lidar". Supported types: ${TASK_TYPE_IDS.join(", ")}`,
    ]);
    expect(messages({ params: categorization.params })).toEqual([
      `type: Unknown task type (missing). Supported types: ${TASK_TYPE_IDS.join(", ")}`,
    ]);
  });

  it("validates params with the schema of the given type", () => {
    expect(messages({ type: "textcollection", params: categorization.params })?.[0]).toMatch(
      /^params\.attachments: /,
    );
    expect(
      messages({ ...categorization, params: { ...categorization.params, categories: ["x"] } }),
    ).toEqual(["params.categories: must have at least 2 categories"]);
  });

  it("validates the common options", () => {
    expect(messages({ ...categorization, tags: ["1", "2", "3", "4", "5", "6"] })).toEqual([
      "tags: a task can have at most 5 tags",
    ]);
    expect(messages({ ...categorization, callback_url: "ftp://x" })).toEqual([
      "callback_url: must be an http(s) URL or an email address",
    ]);
    expect(messages({ ...categorization, unique_id: "" })).toEqual([
      "unique_id: must not be empty",
    ]);
    expect(messages({ ...categorization, priority: 1.5 })?.[0]).toMatch(/^priority: /);
    expect(messages({ ...categorization, project_version: -2 })?.[0]).toMatch(/^project_version: /);
    expect(messages({ ...categorization, tags: null })?.[0]).toMatch(/^tags: /);
  });

  it("lists the common keys, for splitting Scale's flat REST body", () => {
    expect(CREATE_TASK_COMMON_KEYS).toContain("callback_url");
    expect(CREATE_TASK_COMMON_KEYS).not.toContain("type");
    expect(CREATE_TASK_COMMON_KEYS).not.toContain("params");
  });
});

describe("CreateTasksInputSchema", () => {
  it("accepts invalid items, which the server reports one by one", () => {
    const parsed = CreateTasksInputSchema.parse({ tasks: [categorization, { type: "lidar" }, 42] });
    expect(parsed.tasks).toHaveLength(3);
  });

  it("requires 1 to 1000 items", () => {
    expect(CreateTasksInputSchema.safeParse({ tasks: [] }).success).toBe(false);
    expect(
      CreateTasksInputSchema.safeParse({ tasks: Array(1001).fill(categorization) }).success,
    ).toBe(false);
    expect(
      CreateTasksInputSchema.safeParse({ tasks: Array(1000).fill(categorization) }).success,
    ).toBe(true);
    expect(CreateTasksInputSchema.safeParse({}).success).toBe(false);
  });
});

describe("CreateTasksResultSchema", () => {
  const task = {
    task_id: TASK_ID,
    created_at: "2016-06-23T09:09:34.752Z",
    updated_at: "2016-06-23T09:09:34.752Z",
    type: "categorization",
    status: "pending",
    instruction: "",
    params: categorization.params,
    callback_completed: false,
    callback_succeeded: false,
    customer_review_status: "pending",
    metadata: {},
    project_param_version: null,
    audits: [],
    priority: 0,
    is_test: false,
    processed_attachments: [],
    work_started: false,
  };

  it("accepts per-item successes and failures", () => {
    const result = {
      results: [
        { index: 0, ok: true, task },
        { index: 1, ok: false, error: { status_code: 409, error: "duplicate unique_id" } },
      ],
      created: 1,
      failed: 1,
    };
    expect(CreateTasksResultSchema.parse(result)).toEqual(result);
  });

  it("rejects a success without a task and a failure without an error", () => {
    const base = { created: 0, failed: 1 };
    expect(
      CreateTasksResultSchema.safeParse({ ...base, results: [{ index: 0, ok: true }] }).success,
    ).toBe(false);
    expect(
      CreateTasksResultSchema.safeParse({ ...base, results: [{ index: 0, ok: false, task }] })
        .success,
    ).toBe(false);
  });
});

describe("CreateTaskIdsResultSchema", () => {
  it("accepts a success carrying its task_id and a failure carrying its error", () => {
    const result = {
      results: [
        { index: 0, ok: true, task_id: TASK_ID },
        { index: 1, ok: false, error: { status_code: 400, error: "params: is required" } },
      ],
      created: 1,
      failed: 1,
    };
    expect(CreateTaskIdsResultSchema.parse(result)).toEqual(result);
  });

  it("rejects a success without a valid task_id", () => {
    const base = { created: 1, failed: 0 };
    expect(
      CreateTaskIdsResultSchema.safeParse({ ...base, results: [{ index: 0, ok: true }] }).success,
    ).toBe(false);
    expect(
      CreateTaskIdsResultSchema.safeParse({
        ...base,
        results: [{ index: 0, ok: true, task_id: "not-an-id" }],
      }).success,
    ).toBe(false);
  });
});

describe("task procedure inputs", () => {
  it("TaskIdInputSchema validates the id and rejects extra keys", () => {
    expect(TaskIdInputSchema.parse({ task_id: TASK_ID })).toEqual({ task_id: TASK_ID });
    expect(TaskIdInputSchema.safeParse({ task_id: "x" }).success).toBe(false);
    expect(TaskIdInputSchema.safeParse({ task_id: TASK_ID, extra: 1 }).success).toBe(false);
  });

  it("CancelTaskInputSchema defaults clear_unique_id to false", () => {
    expect(CancelTaskInputSchema.parse({ task_id: TASK_ID })).toEqual({
      task_id: TASK_ID,
      clear_unique_id: false,
    });
    expect(
      CancelTaskInputSchema.parse({ task_id: TASK_ID, clear_unique_id: true }).clear_unique_id,
    ).toBe(true);
    expect(
      CancelTaskInputSchema.safeParse({ task_id: TASK_ID, clear_unique_id: "yes" }).success,
    ).toBe(false);
  });

  it("SetMetadataInputSchema requires an object within 10 KB", () => {
    expect(SetMetadataInputSchema.parse({ task_id: TASK_ID, metadata: {} }).metadata).toEqual({});
    expect(SetMetadataInputSchema.safeParse({ task_id: TASK_ID }).success).toBe(false);
    expect(
      SetMetadataInputSchema.safeParse({ task_id: TASK_ID, metadata: { k: "x".repeat(11_000) } })
        .success,
    ).toBe(false);
  });

  it("SetTagsInputSchema allows at most 5 tags, ChangeTagsInputSchema a list of changes", () => {
    const six = ["a", "b", "c", "d", "e", "f"];
    expect(SetTagsInputSchema.safeParse({ task_id: TASK_ID, tags: [] }).success).toBe(true);
    expect(SetTagsInputSchema.safeParse({ task_id: TASK_ID, tags: six }).success).toBe(false);
    expect(ChangeTagsInputSchema.safeParse({ task_id: TASK_ID, tags: six }).success).toBe(true);
    expect(ChangeTagsInputSchema.safeParse({ task_id: TASK_ID, tags: [] }).success).toBe(false);
  });

  it("SetUniqueIdInputSchema requires a non-empty unique_id", () => {
    expect(SetUniqueIdInputSchema.parse({ task_id: TASK_ID, unique_id: "u" }).unique_id).toBe("u");
    expect(SetUniqueIdInputSchema.safeParse({ task_id: TASK_ID, unique_id: "" }).success).toBe(
      false,
    );
  });
});
