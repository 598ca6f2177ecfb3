/**
 * Seeks a video element to `time` and calls `shown` once that frame is on screen: at the first
 * requestVideoFrameCallback or `seeked` after the seek (a seek to the time it already shows
 * answers at once). Returns a cancel for a newer seek or an unmount.
 */
export const seekVideo = (
  video: HTMLVideoElement,
  time: number,
  shown: () => void,
): (() => void) => {
  let cancelled = false;
  let frameRequest: number | undefined;
  const done = () => {
    if (cancelled) return;
    cancel();
    shown();
  };
  const onSeeked = () => done();
  const start = () => {
    video.removeEventListener("loadedmetadata", start);
    if (Math.abs(video.currentTime - time) < 1e-6 && !video.seeking && video.readyState >= 2) {
      done();
      return;
    }
    video.addEventListener("seeked", onSeeked);
    if ("requestVideoFrameCallback" in video) frameRequest = video.requestVideoFrameCallback(done);
    video.currentTime = time;
  };
  const cancel = () => {
    cancelled = true;
    video.removeEventListener("loadedmetadata", start);
    video.removeEventListener("seeked", onSeeked);
    if (frameRequest !== undefined && "cancelVideoFrameCallback" in video) {
      video.cancelVideoFrameCallback(frameRequest);
    }
  };
  // Before its metadata a video cannot seek (the time would only become its start position).
  if (video.readyState >= 1) start();
  else video.addEventListener("loadedmetadata", start);
  return cancel;
};
