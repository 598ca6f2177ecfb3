import { describe, expect, it } from "vitest";

import { AuditSchema } from "./audit";
import { TaskSchema } from "./task";

// The example of task-object.txt, plus callback_succeeded (the name real responses use).
const specExample = {
  task_id: "576ba74eec471ff9b01557cc",
  created_at: "2016-06-23T09:09:34.752Z",
  updated_at: "2016-06-23T09:10:02.798Z",
  completed_at: "2016-06-23T09:10:02.798Z",
  type: "categorization",
  status: "completed",
  instruction: "Would you say this item is big or small?",
  params: { attachment_type: "text", attachment: "car", categories: ["big", "small"] },
  callback_url: "http://www.example.com/callback",
  callback_completed: true,
  callback_succeeded: true,
  response: { category: "big" },
  metadata: {},
  audits: [
    {
      audited_by: "[email protected]",
      audited_at: "2016-06-24T15:32:03.585Z",
      audit_time_secs: 120,
      audit_result: "accepted",
      audit_source: "customer",
    },
    {
      audited_by: "[email protected]",
      audited_at: "2016-06-23T10:01:02.352Z",
      audit_time_secs: 511,
      audit_result: "fixed",
      audit_source: "scale",
    },
  ],
  tags: ["experiment_1", "owner:david"],
  unique_id: "product_experiment_dg3d9x83",
};

const pendingTask = {
  task_id: "5c84d0fe958593004f13e5ba",
  created_at: "2019-03-10T08:55:26.624Z",
  updated_at: "2019-03-10T08:55:26.624Z",
  type: "categorization",
  status: "pending",
  instruction: "Is this company public or private?",
  params: { attachment_type: "website", attachment: "https://www.google.com" },
  callback_completed: false,
  callback_succeeded: false,
  customer_review_status: "pending",
  project_param_version: null,
  priority: 0,
  is_test: true,
};

describe("TaskSchema", () => {
  it("parses the example of the task-object spec", () => {
    const task = TaskSchema.parse(specExample);
    expect(task).toMatchObject(specExample);
    // Fields the example leaves out get the values a fresh task has.
    expect(task.customer_review_status).toBe("pending");
    expect(task.priority).toBe(0);
    expect(task.is_test).toBe(false);
    expect(task.project_param_version).toBeNull();
    expect(task.processed_attachments).toEqual([]);
    expect(task.work_started).toBe(false);
  });

  it("parses the live object's processed_attachments and work_started", () => {
    const task = TaskSchema.parse({
      ...specExample,
      processed_attachments: [],
      work_started: true,
      response_url:
        "/v1/task/576ba74eec471ff9b01557cc/response_url/0b0e8f3e-0000-4000-8000-000000000000",
    });
    expect(task).toMatchObject({ processed_attachments: [], work_started: true });
    expect(task.response_url).toContain("/response_url/");
    expect(TaskSchema.safeParse({ ...specExample, work_started: "yes" }).success).toBe(false);
  });

  it("leaves tags, unique_id and the other optional keys absent rather than null", () => {
    const task = TaskSchema.parse(pendingTask);
    for (const key of [
      "tags",
      "unique_id",
      "completed_at",
      "response",
      "callback_url",
      "times_redone",
      "project",
      "batch",
      "response_url",
    ]) {
      expect(key in task).toBe(false);
    }
  });

  it("defaults metadata to {} and audits to []", () => {
    const task = TaskSchema.parse(pendingTask);
    expect(task.metadata).toEqual({});
    expect(task.audits).toEqual([]);
  });

  it("rejects null tags and unique_id", () => {
    expect(TaskSchema.safeParse({ ...pendingTask, tags: null }).success).toBe(false);
    expect(TaskSchema.safeParse({ ...pendingTask, unique_id: null }).success).toBe(false);
  });

  it("rejects more than 5 tags", () => {
    const result = TaskSchema.safeParse({ ...pendingTask, tags: ["a", "b", "c", "d", "e", "f"] });
    expect(result.error?.issues[0]?.path).toEqual(["tags"]);
  });

  it("rejects timestamps that are not UTC with milliseconds", () => {
    expect(
      TaskSchema.safeParse({ ...pendingTask, created_at: "2019-03-10T08:55:26+00:00" }).success,
    ).toBe(false);
    expect(TaskSchema.safeParse({ ...pendingTask, updated_at: "2019-03-10" }).success).toBe(false);
  });

  it("rejects bad ids, statuses and times_redone", () => {
    expect(TaskSchema.safeParse({ ...pendingTask, task_id: "abc" }).success).toBe(false);
    expect(TaskSchema.safeParse({ ...pendingTask, status: "queued" }).success).toBe(false);
    expect(TaskSchema.safeParse({ ...pendingTask, times_redone: 0 }).success).toBe(false);
    expect(TaskSchema.parse({ ...pendingTask, times_redone: 2 }).times_redone).toBe(2);
  });

  it("rejects a task missing a required key", () => {
    const { callback_succeeded: _omitted, ...withoutCallbackSucceeded } = pendingTask;
    const result = TaskSchema.safeParse(withoutCallbackSucceeded);
    expect(result.error?.issues[0]?.path).toEqual(["callback_succeeded"]);
  });

  it("strips keys that are not part of the public object", () => {
    const task = TaskSchema.parse({ ...pendingTask, customerId: "internal" });
    expect("customerId" in task).toBe(false);
  });
});

describe("AuditSchema", () => {
  it("accepts an audit with comments and rejects a negative duration", () => {
    const audit = {
      audited_by: "a@b.com",
      audited_at: "2016-06-24T15:32:03.585Z",
      audit_time_secs: 0,
      audit_result: "rejected",
      audit_source: "customer",
      comments: "wrong label",
    };
    expect(AuditSchema.parse(audit)).toEqual(audit);
    expect(AuditSchema.safeParse({ ...audit, audit_time_secs: -1 }).success).toBe(false);
    expect(AuditSchema.safeParse({ ...audit, audit_source: "tasker" }).success).toBe(false);
  });
});
