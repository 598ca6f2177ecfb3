"use client";

import { decodeLabels } from "@taskforge/schema";
import type {
  LidarFrame,
  LidarSegmentationParams,
  LidarSegmentationResponse,
} from "@taskforge/schema";

import { useState } from "react";

import { colorOf, labelColors } from "../colors";
import { Legend, NoResponse, Section } from "../components/common";
import { indexHistogram, percent } from "../format";
import type { HistogramEntry } from "../format";
import { cloudFromFrame } from "../editors/lidarsegmentation/cloud";
import { round2 } from "../geometry";

type FrameSummary = {
  frame: number;
  url: string | undefined;
  labels: Uint16Array | undefined;
  error: string | undefined;
};

const summarize = (
  params: LidarSegmentationParams,
  response: LidarSegmentationResponse | undefined,
): FrameSummary[] =>
  params.attachments.map((url, frame) => {
    const entry = response?.frames.find((candidate) => candidate.frame === frame);
    if (!entry) return { frame, url, labels: undefined, error: undefined };
    try {
      return { frame, url, labels: decodeLabels(entry.labels), error: undefined };
    } catch (error) {
      return { frame, url, labels: undefined, error: (error as Error).message };
    }
  });

/** Top-down (x right, y up) scatter of one frame's points, each in its label's colour. */
export const TopDownScatter = ({
  frame,
  labels,
  colorOfIndex,
  maxPoints = 20_000,
}: {
  frame: LidarFrame;
  labels: ArrayLike<number> | undefined;
  colorOfIndex: (index: number) => string;
  maxPoints?: number;
}) => {
  const points = frame.points;
  const step = Math.max(1, Math.ceil(points.length / maxPoints));
  let minX = Infinity;
  let maxX = -Infinity;
  let minY = Infinity;
  let maxY = -Infinity;
  for (const [x, y] of points) {
    minX = Math.min(minX, x);
    maxX = Math.max(maxX, x);
    minY = Math.min(minY, y);
    maxY = Math.max(maxY, y);
  }
  if (!Number.isFinite(minX)) return null;
  const span = Math.max(maxX - minX, maxY - minY, 1);
  const radius = span / 150;
  const dots = [];
  for (let i = 0; i < points.length; i += step) {
    const point = points[i];
    if (!point) continue;
    dots.push(
      <circle
        key={i}
        cx={round2(point[0])}
        // y up in the world, down on screen.
        cy={round2(-point[1])}
        r={round2(radius)}
        fill={colorOfIndex(labels?.[i] ?? 0)}
      />,
    );
  }
  const pad = radius * 2;
  return (
    <svg
      role="img"
      aria-label={`Top-down view of ${points.length} points`}
      viewBox={`${round2(minX - pad)} ${round2(-maxY - pad)} ${round2(maxX - minX + 2 * pad)} ${round2(maxY - minY + 2 * pad)}`}
      className="aspect-square w-full max-w-md rounded-md border border-slate-200 bg-slate-900"
    >
      {dots}
    </svg>
  );
};

/** Fetches the frames on request (they can be large), checking each like the editor does. */
const useFramesOnRequest = (urls: readonly string[]) => {
  const [state, setState] = useState<{
    frames: (LidarFrame | undefined)[] | undefined;
    loading: boolean;
    error: string | undefined;
  }>({ frames: undefined, loading: false, error: undefined });
  const load = () => {
    setState({ frames: undefined, loading: true, error: undefined });
    Promise.all(
      urls.map(async (url, index) => {
        const response = await fetch(url);
        if (!response.ok)
          throw new Error(`frame ${index} could not be loaded (HTTP ${response.status})`);
        const document = (await response.json()) as LidarFrame;
        cloudFromFrame(document);
        return document;
      }),
    ).then(
      (frames) => setState({ frames, loading: false, error: undefined }),
      (error: unknown) =>
        setState({ frames: undefined, loading: false, error: (error as Error).message }),
    );
  };
  return { ...state, load };
};

/**
 * Frames are JSON files that are not fetched here, so this is a summary: each frame's URL and
 * labelled point count, and a histogram of labels. Frames passed in `frames` (the workspace
 * loads them) are also drawn top-down.
 */
export const LidarSegmentationRenderer = ({
  params,
  response,
  frames,
}: {
  params: LidarSegmentationParams;
  response: LidarSegmentationResponse | undefined;
  frames?: readonly (LidarFrame | undefined)[] | undefined;
}) => {
  const requested = useFramesOnRequest(params.attachments);
  const shown = frames ?? requested.frames;
  const summaries = summarize(params, response);
  const labelMap = response?.label_map ?? {};
  const colors = labelColors(params.labels.map((label) => label.name));
  for (const label of params.labels) if (label.color) colors.set(label.name, label.color);
  const colorOfIndex = (index: number) =>
    index === 0 ? "#94a3b8" : colorOf(colors, labelMap[String(index)] ?? "");
  const all: number[] = [];
  for (const summary of summaries) if (summary.labels) all.push(...summary.labels);
  const histogram: HistogramEntry[] = indexHistogram(all, labelMap);

  return (
    <div className="space-y-4">
      <Section title={`Frames (${params.attachments.length})`}>
        <table className="min-w-full text-left text-xs">
          <thead className="text-slate-500">
            <tr>
              <th scope="col" className="py-1 pr-3 font-medium">
                Frame
              </th>
              <th scope="col" className="py-1 pr-3 font-medium">
                Point cloud
              </th>
              <th scope="col" className="py-1 font-medium">
                Labelled points
              </th>
            </tr>
          </thead>
          <tbody className="divide-y divide-slate-100">
            {summaries.map((summary) => (
              <tr key={summary.frame}>
                <td className="py-1 pr-3 tabular-nums">{summary.frame}</td>
                <td className="py-1 pr-3 font-mono break-all">{summary.url}</td>
                <td className="py-1 tabular-nums">
                  {summary.error
                    ? `labels ${summary.error}`
                    : summary.labels
                      ? summary.labels.length
                      : "—"}
                  {params.frame_point_counts?.[summary.frame] !== undefined
                    ? ` of ${params.frame_point_counts[summary.frame]}`
                    : ""}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </Section>
      <Section title="Labels">
        <Legend
          entries={params.labels.map((label) => ({
            label: label.name,
            color: colorOf(colors, label.name),
          }))}
        />
        {response === undefined ? (
          <NoResponse />
        ) : (
          <ul aria-label="Label histogram" className="space-y-1">
            {histogram.map((entry) => (
              <li key={entry.index} className="flex items-center gap-2 text-xs">
                <span className="w-28 truncate font-medium">{entry.label}</span>
                <span className="h-2 flex-1 overflow-hidden rounded-full bg-slate-100">
                  <span
                    className="block h-full rounded-full"
                    style={{
                      width: percent(entry.count, all.length),
                      backgroundColor: colorOfIndex(entry.index),
                    }}
                  />
                </span>
                <span className="w-32 text-right tabular-nums text-slate-600">
                  {entry.count} point{entry.count === 1 ? "" : "s"} (
                  {percent(entry.count, all.length)})
                </span>
              </li>
            ))}
          </ul>
        )}
      </Section>
      {shown === undefined ? (
        <div className="space-y-1">
          <button
            type="button"
            onClick={requested.load}
            disabled={requested.loading}
            className="rounded-md border border-slate-300 bg-white px-2 py-1 text-sm text-slate-800 hover:bg-slate-50 focus-visible:ring-2 focus-visible:ring-blue-500 focus-visible:outline-none"
          >
            {requested.loading ? "Loading frames…" : "Show the frames from above"}
          </button>
          {requested.error ? (
            <p role="alert" className="text-sm text-red-700">
              The frames cannot be shown: {requested.error}
            </p>
          ) : null}
        </div>
      ) : null}
      {shown?.map((frame, index) =>
        frame ? (
          <Section key={index} title={`Frame ${index}, seen from above`}>
            <TopDownScatter
              frame={frame}
              labels={summaries[index]?.labels}
              colorOfIndex={colorOfIndex}
            />
          </Section>
        ) : null,
      )}
    </div>
  );
};
