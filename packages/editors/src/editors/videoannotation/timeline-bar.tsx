"use client";

/**
 * The frames of a long video as one bar: a tick per frame with shapes, a diamond per keyframe of
 * the selected track, the current frame as a line. A click goes to the frame under it; the range
 * input beside the playback buttons is the keyboard's way along the same timeline.
 */
export const TimelineBar = ({
  frameCount,
  frame,
  withShapes,
  keyframes,
  onGoTo,
}: {
  frameCount: number;
  frame: number;
  withShapes: readonly number[];
  keyframes: ReadonlySet<number>;
  onGoTo: (frame: number) => void;
}) => {
  const at = (index: number) => `${((index + 0.5) / frameCount) * 100}%`;
  return (
    <div role="group" aria-label="Frames" data-frame={frame} className="pb-1">
      <div
        aria-hidden="true"
        className="relative h-6 w-full cursor-pointer rounded border border-slate-200 bg-white"
        onPointerDown={(event) => {
          const rect = event.currentTarget.getBoundingClientRect();
          onGoTo(Math.floor(((event.clientX - rect.left) / rect.width) * frameCount));
        }}
      >
        {withShapes.map((index) => (
          <span
            key={index}
            className="absolute inset-y-1 w-px bg-brand-300"
            style={{ left: at(index) }}
          />
        ))}
        {[...keyframes].map((index) => (
          <span
            key={`key-${index}`}
            className="absolute -top-1.5 -translate-x-1/2 text-[10px] text-amber-500"
            style={{ left: at(index) }}
          >
            ◆
          </span>
        ))}
        <span className="absolute inset-y-0 w-0.5 bg-brand-600" style={{ left: at(frame) }} />
      </div>
    </div>
  );
};
