import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

/** The test clip's frame rate, size and length: 30 frames. */
export const CLIP = { fps: 10, width: 320, height: 240, seconds: 3, square: 40, squareTop: 100 };

/** Where frame n's red square starts: it moves 10 px right per frame, so a frame shows its index. */
export const squareLeftAt = (frame: number) => 10 * frame;

/**
 * A short clip made by ffmpeg: a red square moving right over a grey background, as H.264 in MP4,
 * VP8 in WebM or H.265 in MP4. No fonts needed, and a frame's picture tells which frame it is.
 */
const CODECS = {
  mp4: ["-c:v", "libx264"],
  webm: ["-c:v", "libvpx", "-b:v", "300k"],
  // H.265 in MP4: a file browsers without an HEVC decoder cannot play.
  hevc: ["-c:v", "libx265", "-tag:v", "hvc1", "-x265-params", "log-level=error"],
};

export const makeClip = (format: keyof typeof CODECS): Uint8Array => {
  const dir = mkdtempSync(join(tmpdir(), "taskforge-clip-"));
  try {
    const out = join(dir, `clip.${format === "webm" ? "webm" : "mp4"}`);
    const { fps, width, height, seconds, square, squareTop } = CLIP;
    const graph = [
      `color=c=0x94a3b8:s=${width}x${height}:r=${fps}:d=${seconds}[bg]`,
      `color=c=red:s=${square}x${square}:r=${fps}:d=${seconds}[sq]`,
      // By time, not by `n`: overlay's frame counter is one ahead on the first frame.
      `[bg][sq]overlay=x=${10 * fps}*t:y=${squareTop},format=yuv420p[out0]`,
    ].join(";");
    execFileSync("ffmpeg", [
      "-v",
      "error",
      "-y",
      "-f",
      "lavfi",
      "-i",
      graph,
      ...CODECS[format],
      out,
    ]);
    return readFileSync(out);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
};
