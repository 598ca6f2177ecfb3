"use client";

import { useEffect, useRef, useState } from "react";
import type { ReactNode } from "react";

import type { Size } from "../components/image-stage";
import { seekVideo } from "../editors/image-tools/seek-video";
import { frameAt, frameTime } from "../editors/videoannotation/video-time";

/**
 * A video file with an SVG drawn over it in video pixels. `frame` is the frame to show: a change
 * seeks to it; playing or scrubbing reports the frame on screen through `onFrame`. The drawing
 * shows only while the video shows `frame`, so shapes never sit on another frame's picture.
 */
export const VideoStage = ({
  src,
  fps,
  frame,
  onFrame,
  size,
  fallbackSize,
  label,
  children,
}: {
  src: string;
  fps: number;
  frame: number;
  onFrame: (frame: number) => void;
  size: Size | undefined;
  fallbackSize: Size;
  label: string;
  children?: ReactNode;
}) => {
  const video = useRef<HTMLVideoElement>(null);
  const [natural, setNatural] = useState<Size | undefined>();
  const [onScreen, setOnScreen] = useState<number | undefined>();
  const [failed, setFailed] = useState(false);
  const report = useRef(onFrame);
  report.current = onFrame;

  // Seek when the frame asked for is not the one on screen: a click on a frame. While playing,
  // `frame` trails the playhead it came from, and seeking back to it would stall playback.
  useEffect(() => {
    const element = video.current;
    if (!element || !element.paused || frameAt(element.currentTime, fps) === frame) return;
    return seekVideo(element, frameTime(frame, fps), () => setOnScreen(frame));
  }, [frame, fps]);

  // Follow playback and scrubbing frame by frame.
  useEffect(() => {
    const element = video.current;
    if (!element) return;
    const follow = (time: number) => {
      const shown = frameAt(time, fps);
      setOnScreen(shown);
      report.current(shown);
    };
    let request: number | undefined;
    // Only playback moves the frame: the picture shown as the file loads is frame 0 whatever
    // frame was asked for, and reporting it would undo the first seek.
    const onFrameShown: VideoFrameRequestCallback = (_, metadata) => {
      if (!element.paused) follow(metadata.mediaTime);
      request = element.requestVideoFrameCallback(onFrameShown);
    };
    const onSeeked = () => follow(element.currentTime);
    element.addEventListener("seeked", onSeeked);
    // Browsers without frame callbacks report playback a few times a second instead.
    if (typeof HTMLVideoElement.prototype.requestVideoFrameCallback === "function") {
      request = element.requestVideoFrameCallback(onFrameShown);
    } else {
      element.addEventListener("timeupdate", onSeeked);
    }
    return () => {
      element.removeEventListener("seeked", onSeeked);
      element.removeEventListener("timeupdate", onSeeked);
      if (request !== undefined) element.cancelVideoFrameCallback(request);
    };
  }, [fps]);

  const view = size ?? natural ?? fallbackSize;
  return (
    <figure className="space-y-1">
      <div
        className="relative w-full overflow-hidden rounded-md border border-slate-200 bg-black"
        style={{ aspectRatio: `${view.width} / ${view.height}` }}
      >
        <video
          ref={video}
          src={src}
          muted
          playsInline
          preload="auto"
          aria-label="Task video"
          className="absolute inset-0 h-full w-full object-fill"
          onLoadedMetadata={(event) => {
            const element = event.currentTarget;
            if (element.videoWidth > 0)
              setNatural({ width: element.videoWidth, height: element.videoHeight });
            seekVideo(element, frameTime(frame, fps), () => setOnScreen(frame));
          }}
          onError={() => setFailed(true)}
        />
        <svg
          role="img"
          aria-label={label}
          data-frame-shown={onScreen}
          viewBox={`0 0 ${view.width} ${view.height}`}
          preserveAspectRatio="none"
          className="pointer-events-none absolute inset-0 h-full w-full"
        >
          {onScreen === frame ? children : null}
        </svg>
      </div>
      <div className="flex items-center gap-2 text-sm">
        <button
          type="button"
          className="rounded-md border border-slate-300 bg-white px-2 py-1 text-slate-700 hover:bg-slate-50 focus-visible:outline-2 focus-visible:outline-brand-600"
          onClick={() => {
            const element = video.current;
            if (!element) return;
            if (element.paused) void element.play();
            else element.pause();
          }}
        >
          Play / pause
        </button>
        {failed ? (
          <span role="alert" className="text-red-700">
            This browser cannot play the video file (MP4 with H.264 or WebM with VP8/VP9 play in
            current browsers).
          </span>
        ) : null}
      </div>
    </figure>
  );
};
