import { describe, expect, it } from "vitest";

import { Progress } from "./progress";
import { parseRetryAfter, TransientHttpError, withRetry } from "./retry";
import { parseTaskLine } from "./task-lines";

describe("parseTaskLine", () => {
  it("keeps the nested form and fills in --type, --project and --batch where missing", () => {
    const line = JSON.stringify({ params: { attachment: "a" }, unique_id: "u" });
    expect(parseTaskLine(7, line, { type: "categorization", project: "p" })).toEqual({
      line: 7,
      task: { type: "categorization", project: "p", params: { attachment: "a" }, unique_id: "u" },
    });
    const own = JSON.stringify({ type: "lidar", batch: "b", params: {} });
    expect(parseTaskLine(1, own, { type: "categorization", project: "p", batch: "c" })).toEqual({
      line: 1,
      task: { type: "lidar", batch: "b", params: {} },
    });
  });

  it("folds Scale's flat body: common options stay on top, the rest become params", () => {
    const flat = {
      attachment: "a",
      categories: ["x"],
      unique_id: "u",
      callback_url: null,
      force: 1,
    };
    expect(parseTaskLine(2, JSON.stringify(flat), { type: "categorization" })).toEqual({
      line: 2,
      task: {
        type: "categorization",
        unique_id: "u",
        params: { attachment: "a", categories: ["x"] },
      },
    });
  });

  it("reports lines that are not a task object, or have no type", () => {
    expect(parseTaskLine(3, "[1]", {})).toMatchObject({ line: 3, error: expect.any(String) });
    expect(parseTaskLine(4, '{"params": {}}', {})).toEqual({
      line: 4,
      error: "the task type is missing: give it on the line or with --type",
      issues: [{ path: "type", message: "is required" }],
    });
  });
});

describe("withRetry", () => {
  it("honours Retry-After, backs off exponentially otherwise, and gives up after the retries", async () => {
    const delays: number[] = [];
    const errors = [
      new TransientHttpError(429, 2000, "slow down"),
      new TypeError("fetch failed"),
      new TransientHttpError(503, null, ""),
    ];
    let calls = 0;
    const result = await withRetry(
      () => {
        const error = errors[calls++];
        return error ? Promise.reject(error) : Promise.resolve("done");
      },
      { retries: 3, baseDelayMs: 100, sleep: (ms) => Promise.resolve(void delays.push(ms)) },
    );
    expect(result).toBe("done");
    expect(delays[0]).toBe(2000);
    expect(delays[1]).toBeGreaterThanOrEqual(100);
    expect(delays[1]).toBeLessThanOrEqual(200);
    expect(delays[2]).toBeGreaterThanOrEqual(200);
    expect(delays[2]).toBeLessThanOrEqual(400);

    calls = 0;
    await expect(
      withRetry(() => Promise.reject(errors[0] as Error), {
        retries: 1,
        sleep: () => Promise.resolve(),
      }),
    ).rejects.toThrow("HTTP 429: slow down");
  });

  it("does not retry an answer that will not change (a 4xx other than 429)", async () => {
    let calls = 0;
    const refused = new Error("bad request");
    await expect(
      withRetry(() => Promise.reject(refused).finally(() => calls++), { retries: 5 }),
    ).rejects.toBe(refused);
    expect(calls).toBe(1);
  });

  it("reads Retry-After as seconds or as an HTTP date", () => {
    expect(parseRetryAfter("3")).toBe(3000);
    expect(parseRetryAfter("Thu, 01 Jan 2026 00:00:10 GMT", Date.UTC(2026, 0, 1))).toBe(10_000);
    expect(parseRetryAfter("soon")).toBeNull();
  });
});

describe("Progress", () => {
  it("shows count, percentage, rate and ETA; redraws a terminal line, prints plain lines otherwise", () => {
    let now = 0;
    const written: string[] = [];
    const tty = new Progress({
      stream: { isTTY: true, write: (text: string) => written.push(text) > 0 },
      total: 1000,
      unit: "tasks",
      now: () => now,
    });
    now = 2000;
    tty.update(250);
    expect(tty.describe()).toBe("250/1000 tasks  25%  125.0 tasks/s  ETA 6s");
    expect(written.at(-1)).toBe(
      "\r\x1b[2K[######------------------] 250/1000 tasks  25%  125.0 tasks/s  ETA 6s",
    );

    const lines: string[] = [];
    now = 0;
    const plain = new Progress({
      stream: { write: (text: string) => lines.push(text) > 0 },
      total: null,
      unit: "tasks",
      plainIntervalMs: 5000,
      now: () => now,
    });
    now = 6000;
    plain.update(60);
    now = 7000;
    plain.update(70); // within the interval: not printed
    plain.finish();
    expect(lines).toEqual([
      "progress: 60 tasks  10.0 tasks/s\n",
      "progress: 70 tasks  10.0 tasks/s\n",
    ]);
  });
});
