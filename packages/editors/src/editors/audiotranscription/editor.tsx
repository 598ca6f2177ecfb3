"use client";

import { formatIssuePath } from "@taskforge/schema";
import type { AlignedWord, ResponseIssue } from "@taskforge/schema";
import { useEffect, useMemo, useRef, useState } from "react";

import { formatSeconds } from "../../format";
import { isTypingTarget } from "../response-editor";
import type { EditorProps, EditorValue } from "../types";
import { SegmentTextField, TimeField } from "./fields";
import {
  makeSegment,
  newSegmentEnd,
  responseOf,
  roundTime,
  segmentProblems,
  segmentsOf,
  tokenize,
  withBounds,
  withText,
  withWordTime,
} from "./timing";
import type { Segment } from "./timing";
import { Waveform } from "./waveform";
import type { RegionSpan } from "./waveform";

const SEEK_STEP = 1;
const SEEK_STEP_LARGE = 5;

const isWord = (value: unknown): value is AlignedWord =>
  value !== null &&
  typeof value === "object" &&
  typeof (value as AlignedWord).word === "string" &&
  typeof (value as AlignedWord).start === "number" &&
  typeof (value as AlignedWord).end === "number";

/** The transcript and words of a value that may be an incomplete draft or hand-edited JSON. */
const readTranscript = (value: EditorValue) => ({
  transcript: typeof value.transcript === "string" ? value.transcript : "",
  alignment: Array.isArray(value.alignment) ? value.alignment.filter(isWord) : [],
  duration: typeof value.duration === "number" ? value.duration : undefined,
});

const isActivatable = (target: EventTarget | null): boolean =>
  target instanceof HTMLElement &&
  target.closest("button, summary, a[href], [role=button]") !== null;

const buttonClass =
  "rounded-md border border-slate-300 bg-white px-2.5 py-1 text-sm font-medium text-slate-800 hover:bg-slate-50 focus-visible:outline-2 focus-visible:outline-offset-1 focus-visible:outline-blue-600 disabled:opacity-50";
const smallButtonClass =
  "rounded-sm px-1.5 py-0.5 text-xs text-slate-700 hover:bg-slate-100 focus-visible:outline-2 focus-visible:outline-blue-600";

const Problems = ({ messages, label }: { messages: readonly string[]; label: string }) =>
  messages.length === 0 ? null : (
    <ul aria-label={label} className="basis-full list-disc pl-5 text-xs text-red-700">
      {messages.map((message, index) => (
        <li key={index}>{message}</li>
      ))}
    </ul>
  );

/** Issues of `alignment[k]`, grouped by the segment that holds word k. */
const issuesBySegment = (
  segments: readonly Segment[],
  issues: readonly ResponseIssue[],
): ResponseIssue[][] => {
  let from = 0;
  return segments.map((segment) => {
    const to = from + segment.words.length;
    const own = issues.filter(
      (issue) =>
        issue.path[0] === "alignment" &&
        typeof issue.path[1] === "number" &&
        issue.path[1] >= from &&
        issue.path[1] < to,
    );
    from = to;
    return own;
  });
};

const issueText = (issue: ResponseIssue) =>
  issue.path.length > 0 ? `${formatIssuePath(issue.path)}: ${issue.message}` : issue.message;

/**
 * Audio transcription: a waveform with play/pause and seeking, and the transcript as timed
 * segments (one transcript line each). Add a segment at the playhead (or drag across the
 * waveform), type its words, set its start and end from the playhead, by typing, or by dragging
 * its region's edges; each segment's words get times spread over it, adjustable one by one.
 */
export const AudioTranscriptionEditor = ({
  params,
  value,
  onChange,
  issues,
  readOnly,
}: EditorProps<"audiotranscription">) => {
  const audio = useRef<HTMLAudioElement>(null);
  const { transcript, alignment, duration: storedDuration } = readTranscript(value);
  const alignmentKey = JSON.stringify(alignment);
  // Memoised on the stored text so the waveform's regions are redrawn only when they change.
  const segments = useMemo(
    () => segmentsOf(transcript, JSON.parse(alignmentKey) as AlignedWord[]),
    [transcript, alignmentKey],
  );
  const [audioDuration, setAudioDuration] = useState<number | undefined>(undefined);
  const duration = audioDuration ?? storedDuration;
  const [playhead, setPlayhead] = useState(0);
  const [playing, setPlaying] = useState(false);
  const [pending, setPending] = useState<RegionSpan | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const problems = useMemo(() => segmentProblems(segments, duration), [segments, duration]);

  // The registry's word issues, shown on the segment holding the word.
  const segmentIssues = useMemo(() => issuesBySegment(segments, issues), [segments, issues]);
  // Keyed by content, so a new but equal issue list does not redraw the waveform's regions.
  const flaggedKey = segments
    .map((_, index) =>
      problems.has(index) || (segmentIssues[index]?.length ?? 0) > 0 ? index : -1,
    )
    .filter((index) => index >= 0)
    .join(",");
  const flagged = useMemo(
    () => new Set(flaggedKey === "" ? [] : flaggedKey.split(",").map(Number)),
    [flaggedKey],
  );
  const otherIssues = issues.filter(
    (issue) => !(issue.path[0] === "alignment" && typeof issue.path[1] === "number"),
  );

  const commit = (next: readonly Segment[]) => onChange(responseOf(next, duration));
  const replace = (index: number, segment: Segment) =>
    commit(segments.map((old, i) => (i === index ? segment : old)));
  const removeSegment = (index: number) => {
    commit(segments.filter((_, i) => i !== index));
    setNotice(`Removed segment ${index + 1}.`);
  };

  const seek = (seconds: number) => {
    const element = audio.current;
    if (!element) return;
    const limit = Number.isFinite(element.duration) ? element.duration : Infinity;
    element.currentTime = Math.min(limit, Math.max(0, seconds));
    setPlayhead(element.currentTime);
  };
  const togglePlay = () => {
    const element = audio.current;
    if (!element) return;
    if (element.paused) void element.play().catch(() => setNotice("The audio could not play."));
    else element.pause();
  };
  const addAtPlayhead = () => {
    if (readOnly) return;
    const at = roundTime(audio.current?.currentTime ?? playhead);
    setPending({ start: at, end: newSegmentEnd(segments, at, duration) });
    setNotice(`New segment at ${formatSeconds(at)}: type its words, then press Enter.`);
  };
  const commitPending = (text: string) => {
    if (!pending) return;
    if (tokenize(text).length === 0) {
      setPending(null);
      return;
    }
    commit([...segments, makeSegment(text, pending.start, pending.end)]);
    setPending(null);
    setNotice(`Added a segment from ${formatSeconds(pending.start)}.`);
  };

  // Playback state follows the audio element, whether or not the waveform could be drawn.
  useEffect(() => {
    const element = audio.current;
    if (!element) return;
    const onTime = () => setPlayhead(element.currentTime);
    const onPlay = () => setPlaying(true);
    const onPause = () => setPlaying(false);
    const onDuration = () => {
      if (Number.isFinite(element.duration) && element.duration > 0) {
        setAudioDuration(roundTime(element.duration));
      }
    };
    element.addEventListener("timeupdate", onTime);
    element.addEventListener("seeked", onTime);
    element.addEventListener("play", onPlay);
    element.addEventListener("pause", onPause);
    element.addEventListener("durationchange", onDuration);
    element.addEventListener("loadedmetadata", onDuration);
    onDuration();
    return () => {
      element.removeEventListener("timeupdate", onTime);
      element.removeEventListener("seeked", onTime);
      element.removeEventListener("play", onPlay);
      element.removeEventListener("pause", onPause);
      element.removeEventListener("durationchange", onDuration);
      element.removeEventListener("loadedmetadata", onDuration);
    };
  }, []);

  // Latest handlers for the window key listener, which is bound once.
  const keys = useRef({ togglePlay, seek, addAtPlayhead });
  keys.current = { togglePlay, seek, addAtPlayhead };
  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if (isTypingTarget(event.target) || event.ctrlKey || event.metaKey || event.altKey) return;
      const element = audio.current;
      const step = event.shiftKey ? SEEK_STEP_LARGE : SEEK_STEP;
      if (event.key === " ") {
        // Space on a focused button, checkbox or disclosure activates it instead.
        if (isActivatable(event.target)) return;
        keys.current.togglePlay();
      } else if (event.key === "ArrowLeft" && element) {
        keys.current.seek(element.currentTime - step);
      } else if (event.key === "ArrowRight" && element) {
        keys.current.seek(element.currentTime + step);
      } else if ((event.key === "a" || event.key === "A") && !readOnly) {
        keys.current.addAtPlayhead();
      } else {
        return;
      }
      event.preventDefault();
    };
    window.addEventListener("keydown", onKey);
    return () => window.removeEventListener("keydown", onKey);
  }, [readOnly]);

  const rowProblems = (index: number) => [
    ...(problems.get(index) ?? []).map((message) => `This segment ${message}.`),
    ...(segmentIssues[index] ?? []).map(issueText),
  ];

  return (
    <div className="space-y-4" data-editor="audiotranscription">
      <Waveform
        src={params.attachment}
        media={audio}
        segments={segments}
        flagged={flagged}
        pending={pending}
        readOnly={readOnly}
        onSegmentBounds={(index, start, end) => {
          const segment = segments[index];
          if (segment) replace(index, withBounds(segment, roundTime(start), roundTime(end)));
        }}
        onPendingBounds={(start, end) => {
          if (readOnly) return;
          setPending({ start: roundTime(start), end: roundTime(end) });
        }}
      />
      <audio
        ref={audio}
        src={params.attachment}
        preload="auto"
        aria-label="Task audio"
        className="hidden"
      />
      <div className="flex flex-wrap items-center gap-2" role="toolbar" aria-label="Player">
        <button
          type="button"
          className={buttonClass}
          onClick={togglePlay}
          aria-keyshortcuts="Space"
        >
          {playing ? "Pause" : "Play"}
        </button>
        <button
          type="button"
          className={buttonClass}
          onClick={() => seek(playhead - SEEK_STEP)}
          aria-label="Back 1 second"
          aria-keyshortcuts="ArrowLeft"
        >
          −1 s
        </button>
        <button
          type="button"
          className={buttonClass}
          onClick={() => seek(playhead + SEEK_STEP)}
          aria-label="Forward 1 second"
          aria-keyshortcuts="ArrowRight"
        >
          +1 s
        </button>
        <span
          className="text-sm text-slate-700 tabular-nums"
          aria-label="Playhead"
          data-playhead={playhead}
        >
          {formatSeconds(playhead)}
          {duration !== undefined ? ` / ${formatSeconds(duration)}` : ""}
        </span>
        {readOnly ? null : (
          <button
            type="button"
            className={`${buttonClass} ml-auto`}
            onClick={addAtPlayhead}
            aria-keyshortcuts="A"
          >
            Add segment at playhead
          </button>
        )}
      </div>
      <p className="text-xs text-slate-600">
        {params.language ? `Language ${params.language} · ` : ""}
        {params.verbatim
          ? "Verbatim: write every um, uh and false start."
          : "Clean: leave out ums, uhs and false starts."}
      </p>
      <p role="status" aria-live="polite" className="min-h-5 text-sm text-slate-700">
        {notice}
      </p>

      {pending ? (
        <div
          className="flex flex-wrap items-end gap-2 rounded-md border border-yellow-400 bg-yellow-50 p-2"
          aria-label="New segment"
          role="group"
        >
          <TimeField
            label="Start"
            seconds={pending.start}
            onCommit={(start) => setPending({ ...pending, start })}
          />
          <TimeField
            label="End"
            seconds={pending.end}
            onCommit={(end) => setPending({ ...pending, end })}
          />
          <SegmentTextField label="Words" text="" onCommit={commitPending} autoFocus />
          <button type="button" className={smallButtonClass} onClick={() => setPending(null)}>
            Cancel
          </button>
        </div>
      ) : null}

      <section className="space-y-2" aria-labelledby="audio-segments">
        <h3 id="audio-segments" className="text-sm font-semibold text-slate-800">
          Segments ({segments.length})
        </h3>
        {segments.length === 0 ? (
          <p className="text-sm text-slate-600">
            {readOnly
              ? "No transcript."
              : "Play the audio, then add a segment at the playhead (A) or drag across the waveform."}
          </p>
        ) : (
          <ol className="space-y-2" aria-label="Segments">
            {segments.map((segment, index) => {
              const messages = rowProblems(index);
              const label = `Segment ${index + 1}`;
              return (
                <li
                  key={`${index}:${segment.start}`}
                  aria-label={label}
                  className={`flex flex-wrap items-end gap-2 rounded-md border p-2 ${messages.length > 0 ? "border-red-300 bg-red-50" : "border-slate-200"}`}
                >
                  <span className="self-center text-xs font-semibold text-slate-500">
                    {index + 1}
                  </span>
                  <TimeField
                    label="Start"
                    seconds={segment.start}
                    readOnly={readOnly}
                    invalid={messages.length > 0}
                    onCommit={(start) => replace(index, withBounds(segment, start, segment.end))}
                  />
                  <TimeField
                    label="End"
                    seconds={segment.end}
                    readOnly={readOnly}
                    onCommit={(end) => replace(index, withBounds(segment, segment.start, end))}
                  />
                  <SegmentTextField
                    label="Words"
                    text={segment.text}
                    readOnly={readOnly}
                    invalid={messages.length > 0}
                    onCommit={(text) => {
                      if (tokenize(text).length === 0) removeSegment(index);
                      else replace(index, withText(segment, text));
                    }}
                  />
                  <div className="flex flex-wrap gap-1">
                    <button
                      type="button"
                      className={smallButtonClass}
                      onClick={() => {
                        seek(segment.start);
                        if (audio.current?.paused) togglePlay();
                      }}
                      aria-label={`Play segment ${index + 1}`}
                    >
                      Play
                    </button>
                    {readOnly ? null : (
                      <>
                        <button
                          type="button"
                          className={smallButtonClass}
                          onClick={() =>
                            replace(index, withBounds(segment, roundTime(playhead), segment.end))
                          }
                          aria-label={`Set the start of segment ${index + 1} to the playhead`}
                        >
                          Start ← playhead
                        </button>
                        <button
                          type="button"
                          className={smallButtonClass}
                          onClick={() =>
                            replace(index, withBounds(segment, segment.start, roundTime(playhead)))
                          }
                          aria-label={`Set the end of segment ${index + 1} to the playhead`}
                        >
                          End ← playhead
                        </button>
                        <button
                          type="button"
                          className={`${smallButtonClass} text-red-700`}
                          onClick={() => removeSegment(index)}
                          aria-label={`Remove segment ${index + 1}`}
                        >
                          Remove
                        </button>
                      </>
                    )}
                  </div>
                  <details className="basis-full text-xs">
                    <summary className="cursor-pointer text-slate-600">
                      Word timings ({segment.words.length})
                    </summary>
                    <ul
                      className="mt-1 flex flex-wrap gap-3"
                      aria-label={`Words of segment ${index + 1}`}
                    >
                      {segment.words.map((word, wordIndex) => (
                        <li key={wordIndex} className="flex items-end gap-1">
                          <span className="self-center font-medium text-slate-800">
                            {word.word}
                          </span>
                          <TimeField
                            label="from"
                            seconds={word.start}
                            readOnly={readOnly}
                            onCommit={(start) =>
                              replace(index, withWordTime(segment, wordIndex, start, word.end))
                            }
                          />
                          <TimeField
                            label="to"
                            seconds={word.end}
                            readOnly={readOnly}
                            onCommit={(end) =>
                              replace(index, withWordTime(segment, wordIndex, word.start, end))
                            }
                          />
                        </li>
                      ))}
                    </ul>
                  </details>
                  <Problems messages={messages} label={`Problems with segment ${index + 1}`} />
                </li>
              );
            })}
          </ol>
        )}
      </section>
      <Problems messages={otherIssues.map(issueText)} label="Transcript problems" />
    </div>
  );
};
