import { describe, expect, it } from "vitest";

import {
  CallbackUrlSchema,
  InstructionSchema,
  MetadataSchema,
  PrioritySchema,
  TagListInputSchema,
  TagsSchema,
  TaskIdSchema,
  TimestampSchema,
  UniqueIdSchema,
} from "./common";
import {
  AuditResultSchema,
  AuditSourceSchema,
  CustomerReviewStatusSchema,
  TaskStatusSchema,
} from "./enums";

const firstMessage = (result: { error?: { issues: { message: string }[] } }) =>
  result.error?.issues[0]?.message;

describe("enums", () => {
  it("accept the wire values and reject others", () => {
    expect(TaskStatusSchema.parse("canceled")).toBe("canceled");
    expect(TaskStatusSchema.safeParse("cancelled").success).toBe(false);
    expect(CustomerReviewStatusSchema.parse("commented")).toBe("commented");
    expect(CustomerReviewStatusSchema.safeParse("approved").success).toBe(false);
    expect(AuditResultSchema.parse("fixed")).toBe("fixed");
    expect(AuditResultSchema.safeParse("pending").success).toBe(false);
    expect(AuditSourceSchema.parse("scale")).toBe("scale");
    expect(AuditSourceSchema.safeParse("tasker").success).toBe(false);
  });
});

describe("TaskIdSchema", () => {
  it("accepts 24 lowercase hex characters", () => {
    expect(TaskIdSchema.parse("576ba74eec471ff9b01557cc")).toBe("576ba74eec471ff9b01557cc");
  });

  it.each(["576BA74EEC471FF9B01557CC", "576ba74eec471ff9b01557c", "576ba74eec471ff9b01557ccz", ""])(
    "rejects %j",
    (id) => {
      expect(firstMessage(TaskIdSchema.safeParse(id))).toBe(
        "must be a 24-character lowercase hex task id",
      );
    },
  );
});

describe("TimestampSchema", () => {
  it("accepts UTC with milliseconds", () => {
    expect(TimestampSchema.safeParse("2016-06-23T09:09:34.752Z").success).toBe(true);
  });

  it.each(["2016-06-23T09:09:34Z", "2016-06-23T09:09:34.752+02:00", "2016-06-23", "yesterday"])(
    "rejects %j",
    (value) => {
      expect(TimestampSchema.safeParse(value).success).toBe(false);
    },
  );
});

describe("TagsSchema", () => {
  it("accepts up to 5 tags", () => {
    expect(TagsSchema.parse(["a", "b", "c", "d", "e"])).toHaveLength(5);
    expect(TagsSchema.parse([])).toEqual([]);
  });

  it("rejects more than 5 tags", () => {
    expect(firstMessage(TagsSchema.safeParse(["a", "b", "c", "d", "e", "f"]))).toContain(
      "at most 5 tags",
    );
  });

  it("rejects empty and overlong tags", () => {
    expect(TagsSchema.safeParse([""]).success).toBe(false);
    expect(TagsSchema.safeParse(["x".repeat(101)]).success).toBe(false);
    expect(TagsSchema.safeParse(["x".repeat(100)]).success).toBe(true);
  });
});

describe("TagListInputSchema", () => {
  it("allows more than 5 tags because the limit applies to the resulting set", () => {
    expect(TagListInputSchema.parse(["a", "b", "c", "d", "e", "f"])).toHaveLength(6);
  });

  it("rejects an empty list, more than 100 tags and empty tags", () => {
    expect(TagListInputSchema.safeParse([]).success).toBe(false);
    expect(
      TagListInputSchema.safeParse(Array.from({ length: 101 }, (_, i) => `t${i}`)).success,
    ).toBe(false);
    expect(TagListInputSchema.safeParse(["ok", ""]).success).toBe(false);
  });
});

describe("MetadataSchema", () => {
  it("accepts a free-form object", () => {
    expect(MetadataSchema.parse({ a: 1, nested: { b: [true, null] } })).toEqual({
      a: 1,
      nested: { b: [true, null] },
    });
  });

  it("rejects non-objects", () => {
    expect(MetadataSchema.safeParse([1, 2]).success).toBe(false);
    expect(MetadataSchema.safeParse("x").success).toBe(false);
    expect(MetadataSchema.safeParse(null).success).toBe(false);
  });

  it("rejects more than 10 KB of JSON, counting UTF-8 bytes", () => {
    // {"k":"…"} adds 8 bytes around the value.
    expect(MetadataSchema.safeParse({ k: "x".repeat(10 * 1024 - 8) }).success).toBe(true);
    const result = MetadataSchema.safeParse({ k: "x".repeat(10 * 1024 - 7) });
    expect(firstMessage(result)).toContain("10 KB");
    // 4000 three-byte characters are 12 000 bytes although only 4000 UTF-16 units.
    expect(MetadataSchema.safeParse({ k: "€".repeat(4000) }).success).toBe(false);
  });
});

describe("UniqueIdSchema", () => {
  it("accepts 1 to 255 characters", () => {
    expect(UniqueIdSchema.parse("s3://bucket/file.png")).toBe("s3://bucket/file.png");
    expect(UniqueIdSchema.safeParse("x".repeat(255)).success).toBe(true);
    expect(UniqueIdSchema.safeParse("x".repeat(256)).success).toBe(false);
    expect(UniqueIdSchema.safeParse("").success).toBe(false);
  });
});

describe("CallbackUrlSchema", () => {
  it.each([
    "http://www.example.com/callback",
    "https://example.com/hook?x=1",
    "http://localhost:3000/cb",
    "ops@example.com",
  ])("accepts %j", (value) => {
    expect(CallbackUrlSchema.parse(value)).toBe(value);
  });

  it.each(["ftp://example.com/x", "javascript:alert(1)", "not a url", "example.com/cb"])(
    "rejects %j",
    (value) => {
      expect(firstMessage(CallbackUrlSchema.safeParse(value))).toBe(
        "must be an http(s) URL or an email address",
      );
    },
  );

  it("rejects URLs longer than 2048 characters", () => {
    const url = `https://example.com/${"a".repeat(2048)}`;
    expect(firstMessage(CallbackUrlSchema.safeParse(url))).toBe("must be at most 2048 characters");
  });
});

describe("PrioritySchema", () => {
  it("accepts integers within ±100000", () => {
    expect(PrioritySchema.parse(30)).toBe(30);
    expect(PrioritySchema.parse(-100_000)).toBe(-100_000);
  });

  it("rejects fractions, strings and out-of-range values", () => {
    expect(PrioritySchema.safeParse(1.5).success).toBe(false);
    expect(PrioritySchema.safeParse("30").success).toBe(false);
    expect(PrioritySchema.safeParse(100_001).success).toBe(false);
  });
});

describe("InstructionSchema", () => {
  it("accepts markdown up to 100 KB and rejects more", () => {
    expect(InstructionSchema.safeParse("# Is this **big**?").success).toBe(true);
    expect(InstructionSchema.safeParse("x".repeat(100 * 1024)).success).toBe(true);
    expect(InstructionSchema.safeParse("x".repeat(100 * 1024 + 1)).success).toBe(false);
    expect(InstructionSchema.safeParse(42).success).toBe(false);
  });
});
