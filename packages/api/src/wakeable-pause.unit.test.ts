import { describe, expect, it } from "vitest";

import { createWakeablePause } from "./wakeable-pause";

const settled = async (promise: Promise<void>) => {
  let done = false;
  void promise.then(() => (done = true));
  await new Promise((resolve) => setImmediate(resolve));
  return done;
};

describe("wakeable pause", () => {
  it("waits until woken", async () => {
    const idle = createWakeablePause();
    const pause = idle.pause(60_000);
    expect(await settled(pause)).toBe(false);
    idle.wake();
    expect(await settled(pause)).toBe(true);
  });

  it("keeps a wake that arrived while busy, until the loop clears it", async () => {
    const idle = createWakeablePause();
    idle.wake();
    expect(await settled(idle.pause(60_000))).toBe(true);
    idle.clearWake();
    const pause = idle.pause(60_000);
    expect(await settled(pause)).toBe(false);
    idle.stop();
    expect(await settled(pause)).toBe(true);
  });

  it("ends at the interval without a wake", async () => {
    const idle = createWakeablePause();
    const pause = idle.pause(30);
    expect(await settled(pause)).toBe(false);
    await pause;
  });

  it("returns at once after stop", async () => {
    const idle = createWakeablePause();
    idle.stop();
    expect(await settled(idle.pause(60_000))).toBe(true);
  });
});
