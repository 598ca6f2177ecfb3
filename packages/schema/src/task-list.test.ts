import { describe, expect, it } from "vitest";

import { TaskListQuerySchema, TaskListResponseSchema } from "./task-list";

const parse = (input: Record<string, unknown>) => TaskListQuerySchema.safeParse(input);
const messages = (input: Record<string, unknown>) =>
  parse(input).error?.issues.map((issue) => `${issue.path.join(".")}: ${issue.message}`);

describe("TaskListQuerySchema", () => {
  it("defaults offset and limit", () => {
    expect(TaskListQuerySchema.parse({})).toEqual({ offset: 0, limit: 100 });
  });

  it("turns every time filter into a Date", () => {
    const query = TaskListQuerySchema.parse({
      start_time: "2021-04-25",
      end_time: "2021-04-25T03:14:15-07:00",
      completed_after: "2021-04-25T03:14:15.123456",
      completed_before: new Date("2022-01-01T00:00:00.000Z"),
      updated_after: "2021-04-25T03:14:15Z",
      updated_before: "2021-04-25 03:14:15.000001",
    });
    expect(query.start_time?.toISOString()).toBe("2021-04-25T00:00:00.000Z");
    expect(query.end_time?.toISOString()).toBe("2021-04-25T10:14:15.000Z");
    // Zone-less, with microseconds, as Scale's Python SDK sends: read as UTC.
    expect(query.completed_after?.toISOString()).toBe("2021-04-25T03:14:15.123Z");
    expect(query.completed_before?.toISOString()).toBe("2022-01-01T00:00:00.000Z");
    expect(query.updated_after?.toISOString()).toBe("2021-04-25T03:14:15.000Z");
    expect(query.updated_before?.toISOString()).toBe("2021-04-25T03:14:15.000Z");
  });

  it.each(["yesterday", "2021-02-30", "25/04/2021", "", 1619320455])(
    "rejects the date %j",
    (value) => {
      expect(messages({ start_time: value })).toEqual([
        "start_time: must be an ISO-8601 date or date-time",
      ]);
    },
  );

  it("rejects an invalid Date", () => {
    expect(parse({ end_time: new Date("nope") }).success).toBe(false);
  });

  it("normalizes customer_review_status from a comma list, a value or an array", () => {
    expect(
      TaskListQuerySchema.parse({ customer_review_status: "accepted,fixed" })
        .customer_review_status,
    ).toEqual(["accepted", "fixed"]);
    expect(
      TaskListQuerySchema.parse({ customer_review_status: "rejected" }).customer_review_status,
    ).toEqual(["rejected"]);
    expect(
      TaskListQuerySchema.parse({ customer_review_status: ["pending", "commented, accepted"] })
        .customer_review_status,
    ).toEqual(["pending", "commented", "accepted"]);
  });

  it("rejects unknown review statuses and an empty list", () => {
    expect(parse({ customer_review_status: "accepted,approved" }).error?.issues[0]?.path).toEqual([
      "customer_review_status",
      1,
    ]);
    expect(parse({ customer_review_status: " , " }).success).toBe(false);
  });

  it("turns unique_id and tags into arrays", () => {
    const query = TaskListQuerySchema.parse({ unique_id: "abc", tags: ["a", "b"] });
    expect(query.unique_id).toEqual(["abc"]);
    expect(query.tags).toEqual(["a", "b"]);
    expect(TaskListQuerySchema.parse({ tags: "weather:rainy" }).tags).toEqual(["weather:rainy"]);
  });

  it("rejects more than 100 unique ids", () => {
    const ids = Array.from({ length: 101 }, (_, i) => `id-${i}`);
    expect(parse({ unique_id: ids }).success).toBe(false);
    expect(parse({ unique_id: ids.slice(0, 100) }).success).toBe(true);
  });

  it.each([
    ["True", true],
    ["false", false],
    ["FALSE", false],
    [true, true],
  ])("reads the boolean %j as %j", (value, expected) => {
    const query = TaskListQuerySchema.parse({
      include_attachment_url: value,
      limited_response: value,
    });
    expect(query.include_attachment_url).toBe(expected);
    expect(query.limited_response).toBe(expected);
  });

  it("rejects booleans other than true and false", () => {
    expect(messages({ include_attachment_url: "yes" })).toEqual([
      "include_attachment_url: must be true or false",
    ]);
    expect(parse({ limited_response: 1 }).success).toBe(false);
  });

  it("accepts limits from 1 to 100, as numbers or digits", () => {
    expect(TaskListQuerySchema.parse({ limit: 1 }).limit).toBe(1);
    expect(TaskListQuerySchema.parse({ limit: "100" }).limit).toBe(100);
    expect(TaskListQuerySchema.parse({ offset: "20" }).offset).toBe(20);
  });

  it.each([0, 101, -1, 2.5, "abc", "10x"])("rejects the limit %j", (limit) => {
    expect(messages({ limit })).toEqual(["limit: limit must be between 1 and 100"]);
  });

  it("rejects a negative offset", () => {
    expect(parse({ offset: -1 }).success).toBe(false);
  });

  it("validates status and keeps plain string filters", () => {
    const query = TaskListQuerySchema.parse({
      status: "completed",
      type: "categorization",
      project: "My Project",
      batch: "batch_1",
      next_token: "eyJpZCI6IjY1MjZl",
    });
    expect(query).toMatchObject({ status: "completed", project: "My Project", batch: "batch_1" });
    expect(parse({ status: "done" }).success).toBe(false);
  });
});

describe("TaskListResponseSchema", () => {
  it("accepts Scale's envelope, next_token optional", () => {
    const envelope = { docs: [], total: 24, limit: 100, offset: 0, has_more: false };
    expect(TaskListResponseSchema.parse(envelope)).toEqual(envelope);
    expect(
      TaskListResponseSchema.parse({ ...envelope, has_more: true, next_token: "x" }).next_token,
    ).toBe("x");
  });

  it("requires offset and has_more", () => {
    expect(TaskListResponseSchema.safeParse({ docs: [], total: 0, limit: 100 }).success).toBe(
      false,
    );
    expect(
      TaskListResponseSchema.safeParse({
        docs: [{}],
        total: 1,
        limit: 100,
        offset: 0,
        has_more: false,
      }).success,
    ).toBe(false);
  });
});
