/**
 * Frame index <-> time for a video file. Frame i is shown from i / fps to (i + 1) / fps; seeking
 * to the middle of that span lands on frame i whatever the decoder's rounding, where seeking to
 * its start can show frame i - 1.
 */

/** Frames per second of a video file whose task gives no `frame_rate` and whose rate cannot be learned. */
export const DEFAULT_VIDEO_FRAME_RATE = 30;
/** Frames per second of a frame-image list without `frame_rate` (Scale's video default). */
export const DEFAULT_FRAME_LIST_RATE = 1;

/** The time (seconds) to seek to for frame `index`: the middle of its span. */
export const frameTime = (index: number, fps: number): number => (index + 0.5) / fps;

/** The frame shown at a media time (seconds), within 0..count - 1 when the count is given. */
export const frameAt = (time: number, fps: number, count?: number): number => {
  // A frame's own start time may arrive as 0.29999999 for frame 3 at 10 fps.
  const frame = Math.max(0, Math.floor(time * fps + 1e-6));
  return count === undefined ? frame : Math.min(frame, Math.max(0, count - 1));
};

/**
 * How many whole frames a duration holds: a 3 s clip at 10 fps has frames 0..29. A duration a
 * hair short of a whole frame (2.9999 s) still counts it; a partial last frame (3.04 s) does not.
 */
export const frameCountOf = (duration: number, fps: number): number | undefined => {
  if (!Number.isFinite(duration) || duration <= 0 || !(fps > 0)) return undefined;
  return Math.max(1, Math.floor(duration * fps + 1e-3));
};

const COMMON_RATES = [24000 / 1001, 24, 25, 30000 / 1001, 30, 48, 50, 60000 / 1001, 60, 120];

/**
 * The frame rate shown by consecutive presented frames' media times (requestVideoFrameCallback's
 * `mediaTime`), or undefined when they tell nothing. The smallest step is one frame (playback may
 * skip frames, never halve one); it snaps to a common rate within 0.5%, else to 3 decimals.
 */
export const frameRateFromTimes = (times: readonly number[]): number | undefined => {
  const steps = times
    .slice(1)
    .map((time, i) => time - (times[i] ?? time))
    .filter((step) => step > 1e-4);
  if (steps.length < 2) return undefined;
  const step = Math.min(...steps);
  const rate = 1 / step;
  const common = COMMON_RATES.find((known) => Math.abs(known - rate) / known < 0.005);
  return common ?? Math.round(rate * 1000) / 1000;
};

/** "29.97" for NTSC's 30000/1001, "10" for 10. */
export const formatFrameRate = (fps: number): string => String(Math.round(fps * 100) / 100);
