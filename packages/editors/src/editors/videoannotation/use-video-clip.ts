"use client";

import { useEffect, useState } from "react";

import { DEFAULT_VIDEO_FRAME_RATE, frameCountOf, frameRateFromTimes } from "./video-time";

/** Where a video file's frame rate came from: the task's `frame_rate`, the file, or the default. */
export type FrameRateSource = "task" | "file" | "default";

export type VideoClip =
  | { state: "loading" }
  | { state: "failed"; message: string }
  | {
      state: "ready";
      frameRate: number;
      rateSource: FrameRateSource;
      frameCount: number;
      size: { width: number; height: number } | undefined;
    };

/** Frames played to learn the rate: a few steps give the smallest one even if some are skipped. */
const FRAMES_TO_WATCH = 8;
const WATCH_TIMEOUT_MS = 3000;

/** Why a video element could not play its file, in words a Tasker can pass on. */
export const videoErrorMessage = (code: number | undefined): string => {
  if (code === 2) return "The video file could not be downloaded. Reload the page to try again.";
  if (code === 3)
    return "The video file is damaged or its codec cannot be decoded in this browser.";
  return "This browser cannot play this video file (its format or codec is not supported here). MP4 with H.264 and WebM with VP8 or VP9 play in current Chrome, Edge and Firefox; Chromium builds without H.264 play only WebM.";
};

/**
 * The rate shown by the first frames played (muted) on a hidden element; undefined where
 * requestVideoFrameCallback is missing or playback is refused.
 */
const watchFrameRate = (
  video: HTMLVideoElement,
  signal: AbortSignal,
): Promise<number | undefined> =>
  new Promise((resolve) => {
    if (!("requestVideoFrameCallback" in video)) {
      resolve(undefined);
      return;
    }
    const times: number[] = [];
    const finish = () => {
      clearTimeout(timer);
      video.pause();
      resolve(frameRateFromTimes(times));
    };
    const timer = setTimeout(finish, WATCH_TIMEOUT_MS);
    signal.addEventListener("abort", finish);
    const onFrame: VideoFrameRequestCallback = (_, metadata) => {
      if (signal.aborted) return;
      times.push(metadata.mediaTime);
      if (times.length >= FRAMES_TO_WATCH) finish();
      else video.requestVideoFrameCallback(onFrame);
    };
    video.requestVideoFrameCallback(onFrame);
    video.play().catch(finish);
  });

/**
 * A video file's frame rate (the task's, else learned from the file, else the default), its
 * frame count (duration × rate) and size, read on a detached element before the editor draws.
 */
export const useVideoClip = (src: string | undefined, taskRate: number | undefined): VideoClip => {
  const [clip, setClip] = useState<VideoClip>({ state: "loading" });
  useEffect(() => {
    if (!src) {
      setClip({ state: "failed", message: "The task names no video file." });
      return;
    }
    setClip({ state: "loading" });
    const aborted = new AbortController();
    const video = document.createElement("video");
    video.muted = true;
    video.playsInline = true;
    video.preload = "auto";
    video.onerror = () =>
      setClip({ state: "failed", message: videoErrorMessage(video.error?.code) });
    video.onloadedmetadata = async () => {
      const learned =
        taskRate === undefined ? await watchFrameRate(video, aborted.signal) : undefined;
      if (aborted.signal.aborted) return;
      const frameRate = taskRate ?? learned ?? DEFAULT_VIDEO_FRAME_RATE;
      const frameCount = frameCountOf(video.duration, frameRate);
      if (frameCount === undefined) {
        setClip({
          state: "failed",
          message:
            "The video file does not state its duration, so its frames cannot be counted (re-encode it, e.g. with ffmpeg).",
        });
        return;
      }
      setClip({
        state: "ready",
        frameRate,
        rateSource: taskRate !== undefined ? "task" : learned !== undefined ? "file" : "default",
        frameCount,
        size:
          video.videoWidth > 0 ? { width: video.videoWidth, height: video.videoHeight } : undefined,
      });
    };
    video.src = src;
    return () => {
      aborted.abort();
      video.onerror = null;
      video.onloadedmetadata = null;
      video.removeAttribute("src");
      video.load();
    };
  }, [src, taskRate]);
  return clip;
};
