"use client";

import { useEffect, useRef, useState } from "react";
import type { RefObject } from "react";
import type WaveSurfer from "wavesurfer.js";
import type { Region } from "wavesurfer.js/dist/plugins/regions.js";

export type RegionSpan = { start: number; end: number };

type RegionsApi = {
  addRegion: (options: {
    id: string;
    start: number;
    end: number;
    color: string;
    drag: boolean;
    resize: boolean;
    content: string;
  }) => Region;
  clearRegions: () => void;
  enableDragSelection: (options: { color: string }) => () => void;
  on: (event: string, listener: (region: Region) => void) => () => void;
};

const PENDING_ID = "pending";
const SEGMENT_COLOR = "rgba(37, 99, 235, 0.18)";
const FLAGGED_COLOR = "rgba(220, 38, 38, 0.22)";
const PENDING_COLOR = "rgba(234, 179, 8, 0.3)";

/**
 * The waveform of the task's audio, drawn by wavesurfer.js over the editor's own `<audio>`
 * element (which stays the source of truth for playback, so the editor works even when the
 * waveform cannot be drawn). Segments are regions: drag a region to move it, drag its edges to
 * change its start or end, drag across empty waveform to propose a new segment; a click seeks.
 * wavesurfer needs the DOM, so it is imported in an effect, never during server rendering.
 */
export const Waveform = ({
  src,
  media,
  segments,
  flagged,
  pending,
  readOnly,
  onSegmentBounds,
  onPendingBounds,
}: {
  src: string;
  media: RefObject<HTMLAudioElement | null>;
  segments: readonly RegionSpan[];
  /** Indices of segments with problems, drawn in red. */
  flagged: ReadonlySet<number>;
  pending: RegionSpan | null;
  readOnly?: boolean | undefined;
  onSegmentBounds: (index: number, start: number, end: number) => void;
  onPendingBounds: (start: number, end: number) => void;
}) => {
  const container = useRef<HTMLDivElement>(null);
  const [regions, setRegions] = useState<RegionsApi | null>(null);
  const [status, setStatus] = useState<"loading" | "ready" | "failed">("loading");
  // Region events call the latest callbacks without re-creating wavesurfer.
  const callbacks = useRef({ onSegmentBounds, onPendingBounds });
  callbacks.current = { onSegmentBounds, onPendingBounds };
  const syncing = useRef(false);

  useEffect(() => {
    const element = container.current;
    const audio = media.current;
    if (!element || !audio) return;
    let cancelled = false;
    let surfer: WaveSurfer | undefined;
    const cleanups: (() => void)[] = [];
    void (async () => {
      try {
        const [{ default: WaveSurferClass }, { default: RegionsPlugin }] = await Promise.all([
          import("wavesurfer.js"),
          import("wavesurfer.js/dist/plugins/regions.js"),
        ]);
        if (cancelled) return;
        const plugin = RegionsPlugin.create();
        surfer = WaveSurferClass.create({
          container: element,
          media: audio,
          url: src,
          height: 96,
          waveColor: "#94a3b8",
          progressColor: "#2563eb",
          cursorColor: "#0f172a",
          cursorWidth: 2,
          normalize: true,
          plugins: [plugin],
        });
        const api = plugin as unknown as RegionsApi;
        cleanups.push(
          surfer.on("ready", () => setStatus("ready")),
          surfer.on("error", () => setStatus("failed")),
          api.on("region-updated", (region) => {
            if (region.id === PENDING_ID) {
              callbacks.current.onPendingBounds(region.start, region.end);
            } else if (region.id.startsWith("segment-")) {
              const index = Number(region.id.slice("segment-".length));
              callbacks.current.onSegmentBounds(index, region.start, region.end);
            }
          }),
          api.on("region-created", (region) => {
            if (syncing.current) return;
            // A drag across the waveform: it becomes the proposed new segment.
            region.remove();
            callbacks.current.onPendingBounds(region.start, region.end);
          }),
        );
        if (!readOnly) cleanups.push(api.enableDragSelection({ color: PENDING_COLOR }));
        setRegions(api);
      } catch {
        if (!cancelled) setStatus("failed");
      }
    })();
    return () => {
      cancelled = true;
      for (const cleanup of cleanups) cleanup();
      surfer?.destroy();
      setRegions(null);
    };
  }, [src, media, readOnly]);

  useEffect(() => {
    if (!regions || status !== "ready") return;
    syncing.current = true;
    try {
      regions.clearRegions();
      segments.forEach((segment, index) => {
        regions.addRegion({
          id: `segment-${index}`,
          start: segment.start,
          end: segment.end,
          color: flagged.has(index) ? FLAGGED_COLOR : SEGMENT_COLOR,
          drag: !readOnly,
          resize: !readOnly,
          content: String(index + 1),
        });
      });
      if (pending) {
        regions.addRegion({
          id: PENDING_ID,
          start: pending.start,
          end: pending.end,
          color: PENDING_COLOR,
          drag: !readOnly,
          resize: !readOnly,
          content: "new",
        });
      }
    } finally {
      syncing.current = false;
    }
  }, [regions, status, segments, flagged, pending, readOnly]);

  return (
    <div className="space-y-1">
      <div
        ref={container}
        role="group"
        aria-label="Waveform"
        data-waveform-status={status}
        className="min-h-24 rounded-md border border-slate-200 bg-slate-50"
      />
      {status === "failed" ? (
        <p className="text-xs text-amber-800">
          The waveform could not be drawn; the player below still plays the audio.
        </p>
      ) : null}
    </div>
  );
};
