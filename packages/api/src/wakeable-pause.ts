/**
 * The idle wait of a polling loop (callback worker, export runner): `pause(ms)` sleeps until the
 * poll interval ends or `wake()` is called. A wake that arrives while the loop is busy is kept, so
 * the next pause returns at once and no notification is lost between two polls.
 */
export type WakeablePause = {
  pause: (ms: number) => Promise<void>;
  wake: () => void;
  /** Called before looking for work: a wake from before this point is answered by that look. */
  clearWake: () => void;
  /** Ends any pause now and every later one at once. */
  stop: () => void;
};

export const createWakeablePause = (): WakeablePause => {
  let woken = false;
  let stopped = false;
  let interrupt: (() => void) | null = null;
  return {
    pause: (ms) =>
      new Promise<void>((resolve) => {
        if (woken || stopped) return resolve();
        const timer = setTimeout(done, ms);
        function done() {
          clearTimeout(timer);
          interrupt = null;
          resolve();
        }
        interrupt = done;
      }),
    wake: () => {
      woken = true;
      interrupt?.();
    },
    clearWake: () => {
      woken = false;
    },
    stop: () => {
      stopped = true;
      interrupt?.();
    },
  };
};
