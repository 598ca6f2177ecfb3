"use client";

import type { AudioTranscriptionParams, AudioTranscriptionResponse } from "@taskforge/schema";
import { useRef } from "react";

import { NoResponse, Section } from "../components/common";
import { formatSeconds } from "../format";

/** A player, the transcript, and every aligned word with its timing (click a word to hear it). */
export const AudioTranscriptionRenderer = ({
  params,
  response,
}: {
  params: AudioTranscriptionParams;
  response: AudioTranscriptionResponse | undefined;
}) => {
  const audio = useRef<HTMLAudioElement>(null);
  const seek = (seconds: number) => {
    const element = audio.current;
    if (!element) return;
    element.currentTime = seconds;
    void element.play().catch(() => undefined);
  };
  const alignment = response?.alignment ?? [];
  const duration =
    response?.duration ?? alignment.reduce((longest, word) => Math.max(longest, word.end), 0);
  return (
    <div className="space-y-4">
      <audio
        ref={audio}
        controls
        preload="none"
        src={params.attachment}
        aria-label="Task audio"
        className="w-full"
      />
      <p className="text-xs text-slate-600">
        {params.language ? `Language ${params.language} · ` : ""}
        {params.verbatim ? "verbatim" : "clean"} transcription
        {duration > 0 ? ` · ${formatSeconds(duration)}` : ""}
      </p>
      {response === undefined ? (
        <NoResponse />
      ) : (
        <>
          <Section title="Transcript">
            <p className="rounded-md border border-slate-200 bg-white p-3 text-slate-900">
              {response.transcript}
            </p>
          </Section>
          {duration > 0 ? (
            <svg
              role="img"
              aria-label="Word timeline"
              viewBox={`0 0 1000 20`}
              preserveAspectRatio="none"
              className="h-5 w-full rounded-sm bg-slate-100"
            >
              {alignment.map((word, index) => (
                <rect
                  key={index}
                  x={Math.round((word.start / duration) * 1000)}
                  width={Math.max(1, Math.round(((word.end - word.start) / duration) * 1000))}
                  y={2}
                  height={16}
                  fill={index % 2 === 0 ? "#2f5bea" : "#60a5fa"}
                />
              ))}
            </svg>
          ) : null}
          <Section title="Segments">
            <table className="min-w-full text-left text-xs">
              <thead className="text-slate-500">
                <tr>
                  <th scope="col" className="py-1 pr-3 font-medium">
                    Start
                  </th>
                  <th scope="col" className="py-1 pr-3 font-medium">
                    End
                  </th>
                  <th scope="col" className="py-1 pr-3 font-medium">
                    Word
                  </th>
                  <th scope="col" className="py-1 font-medium">
                    Confidence
                  </th>
                </tr>
              </thead>
              <tbody className="divide-y divide-slate-100 tabular-nums">
                {alignment.map((word, index) => (
                  <tr key={index}>
                    <td className="py-1 pr-3">{formatSeconds(word.start)}</td>
                    <td className="py-1 pr-3">{formatSeconds(word.end)}</td>
                    <td className="py-1 pr-3">
                      <button
                        type="button"
                        onClick={() => seek(word.start)}
                        className="rounded-sm font-medium text-brand-700 hover:underline focus-visible:outline-2 focus-visible:outline-brand-600"
                        aria-label={`Play from “${word.word}” at ${formatSeconds(word.start)}`}
                      >
                        {word.word}
                      </button>
                    </td>
                    <td className="py-1">
                      {word.confidence === undefined
                        ? "—"
                        : `${Math.round(word.confidence * 100)}%`}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </Section>
        </>
      )}
    </div>
  );
};
