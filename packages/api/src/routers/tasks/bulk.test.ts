import { MAX_BULK_TASK_IDS } from "@taskforge/schema";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { expectTRPCError } from "../../test/expect-error";
import {
  callerFor,
  categorizationTask,
  createTenant,
  createTestDatabase,
} from "../../test/harness";
import type { TestDatabase, TestTenant } from "../../test/harness";

let db: TestDatabase;
let acme: TestTenant;
let globex: TestTenant;
let api: ReturnType<typeof callerFor>;
let other: ReturnType<typeof callerFor>;

beforeAll(async () => {
  db = await createTestDatabase();
  acme = await createTenant(db, "Acme");
  globex = await createTenant(db, "Globex");
  api = callerFor(db, acme.live);
  other = callerFor(db, globex.live);
});
afterAll(async () => {
  await db.close();
});

const make = async (
  caller: ReturnType<typeof callerFor>,
  overrides: Parameters<typeof categorizationTask>[0] = {},
) => (await caller.tasks.create(categorizationTask(overrides))).task_id;

const statusOf = async (taskId: string) =>
  (await db.prisma.task.findUniqueOrThrow({ where: { id: taskId }, select: { status: true } }))
    .status;

describe("tasks.cancelMany", () => {
  it("cancels pending tasks and reports the ones that cannot be, task by task", async () => {
    const [a, b, done, already] = await Promise.all([make(api), make(api), make(api), make(api)]);
    await db.prisma.task.update({
      where: { id: done },
      data: { status: "completed", completedAt: new Date() },
    });
    await api.tasks.cancel({ task_id: already });

    const result = await api.tasks.cancelMany({ task_ids: [a, b, done, already, a] });

    expect(result).toEqual({
      results: [
        { task_id: a, ok: true },
        { task_id: b, ok: true },
        {
          task_id: done,
          ok: false,
          error: {
            code: "bad_request",
            message: `Task ${done} is completed and cannot be canceled; only pending tasks can be.`,
          },
        },
        // Canceling a canceled task is the single-task service's no-op, so it is fine here too.
        { task_id: already, ok: true },
      ],
      succeeded: 3,
      failed: 1,
    });
    expect(await statusOf(a)).toBe("canceled");
    expect(await statusOf(b)).toBe("canceled");
    expect(await statusOf(done)).toBe("completed");
    // The per-task history is written by the shared cancel logic.
    const history = await api.tasks.history({ task_id: a });
    expect(JSON.stringify(history)).toContain("canceled");
  });

  it("frees unique ids when asked, as the single cancel does", async () => {
    const task = await make(api, { unique_id: "bulk-free-me" });
    await api.tasks.cancelMany({ task_ids: [task], clear_unique_id: true });
    expect(await api.tasks.get({ task_id: task })).not.toHaveProperty("unique_id");
  });

  it("treats another organization's and unknown ids as not found and leaves them alone", async () => {
    const mine = await make(api);
    const theirs = await make(other);
    const unknown = "0123456789abcdef01234567";

    const result = await api.tasks.cancelMany({ task_ids: [theirs, mine, unknown] });

    const notFound = { code: "not_found", message: "Task with that ID not found." };
    expect(result.results).toEqual([
      { task_id: theirs, ok: false, error: notFound },
      { task_id: mine, ok: true },
      { task_id: unknown, ok: false, error: notFound },
    ]);
    expect(await statusOf(theirs)).toBe("pending");
  });

  it("keeps the live and test worlds apart", async () => {
    const live = await make(api);
    const result = await callerFor(db, acme.test).tasks.cancelMany({ task_ids: [live] });
    expect(result.failed).toBe(1);
    expect(await statusOf(live)).toBe("pending");
  });

  it("rejects malformed input with field paths", async () => {
    const empty = await expectTRPCError(api.tasks.cancelMany({ task_ids: [] }), "BAD_REQUEST");
    expect(empty.message).toContain("task_ids: must list at least one task id");
    const bad = await expectTRPCError(
      api.tasks.cancelMany({ task_ids: ["not-an-id"] }),
      "BAD_REQUEST",
    );
    expect(bad.message).toContain("task_ids[0]: must be a 24-character lowercase hex task id");
    const tooMany = Array.from({ length: MAX_BULK_TASK_IDS + 1 }, (_, i) =>
      i.toString(16).padStart(24, "0"),
    );
    const big = await expectTRPCError(api.tasks.cancelMany({ task_ids: tooMany }), "BAD_REQUEST");
    expect(big.message).toContain(`must list at most ${MAX_BULK_TASK_IDS} task ids`);
  });
});

describe("tasks.addTagsMany", () => {
  it("adds tags to each task, reporting those that would exceed five tags", async () => {
    const plain = await make(api, { tags: ["keep"] });
    const full = await make(api, { tags: ["1", "2", "3", "4", "5"] });
    const theirs = await make(other, { tags: ["x"] });

    const result = await api.tasks.addTagsMany({
      task_ids: [plain, full, theirs],
      tags: ["reviewed", "keep"],
    });

    expect(result.succeeded).toBe(1);
    expect(result.results[0]).toEqual({ task_id: plain, ok: true });
    expect(result.results[1]).toMatchObject({
      task_id: full,
      ok: false,
      error: { code: "bad_request", message: expect.stringContaining("at most 5 tags") },
    });
    expect(result.results[2]).toMatchObject({ task_id: theirs, error: { code: "not_found" } });
    expect((await api.tasks.get({ task_id: plain })).tags).toEqual(["keep", "reviewed"]);
    expect((await api.tasks.get({ task_id: full })).tags).toEqual(["1", "2", "3", "4", "5"]);
    expect((await other.tasks.get({ task_id: theirs })).tags).toEqual(["x"]);
  });

  it("rejects an empty tag list and empty tags", async () => {
    const task = await make(api);
    const none = await expectTRPCError(
      api.tasks.addTagsMany({ task_ids: [task], tags: [] }),
      "BAD_REQUEST",
    );
    expect(none.message).toContain("tags: must contain at least one tag");
    const blank = await expectTRPCError(
      api.tasks.addTagsMany({ task_ids: [task], tags: [""] }),
      "BAD_REQUEST",
    );
    expect(blank.message).toContain("tags[0]: must not be empty");
  });
});

describe("tasks.getMany", () => {
  it("returns the caller's tasks as public objects in the order asked, others as not found", async () => {
    const first = await make(api, { tags: ["export"] });
    const second = await make(api, { tags: ["export"] });
    const theirs = await make(other);

    const result = await api.tasks.getMany({ task_ids: [second, theirs, first, second] });

    expect(result.docs).toEqual([
      await api.tasks.get({ task_id: second }),
      await api.tasks.get({ task_id: first }),
    ]);
    expect(result.not_found).toEqual([theirs]);
  });
});
