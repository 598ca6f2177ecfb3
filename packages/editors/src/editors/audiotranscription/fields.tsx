"use client";

import { useState } from "react";

import { formatSeconds } from "../../format";
import { parseTime } from "./timing";

const inputClass =
  "rounded-md border border-slate-300 bg-white px-2 py-1 text-sm focus-visible:outline-2 focus-visible:outline-blue-600 aria-invalid:border-red-600 read-only:bg-slate-50";

/**
 * A time typed as seconds or m:ss.cc, committed on Enter or when the field loses focus (one
 * undo step per edit, not per keystroke). Something that is not a time is shown as a problem
 * and not committed.
 */
export const TimeField = ({
  label,
  seconds,
  onCommit,
  readOnly,
  invalid,
}: {
  label: string;
  seconds: number;
  onCommit: (seconds: number) => void;
  readOnly?: boolean | undefined;
  invalid?: boolean | undefined;
}) => {
  const formatted = formatSeconds(seconds);
  const [draft, setDraft] = useState<{ for: string; text: string } | null>(null);
  // A draft typed for an older value is dropped when the value changes (undo, a region drag).
  const text = draft !== null && draft.for === formatted ? draft.text : formatted;
  const problem = parseTime(text) === null ? "Enter a time such as 1:05.20 or 65.2" : null;
  const commit = () => {
    const parsed = parseTime(text);
    if (parsed === null || parsed === seconds) return;
    setDraft(null);
    onCommit(parsed);
  };
  return (
    <label className="flex flex-col text-xs text-slate-600">
      {label}
      <input
        type="text"
        inputMode="decimal"
        className={`${inputClass} w-24 tabular-nums`}
        value={text}
        readOnly={readOnly}
        aria-invalid={problem !== null || invalid ? true : undefined}
        title={problem ?? undefined}
        onChange={(event) => setDraft({ for: formatted, text: event.target.value })}
        onBlur={commit}
        onKeyDown={(event) => {
          if (event.key === "Enter") commit();
          if (event.key === "Escape") setDraft(null);
        }}
      />
    </label>
  );
};

/** A segment's text, committed on Enter or when the field loses focus. */
export const SegmentTextField = ({
  label,
  text,
  onCommit,
  readOnly,
  autoFocus,
  invalid,
}: {
  label: string;
  text: string;
  onCommit: (text: string) => void;
  readOnly?: boolean | undefined;
  autoFocus?: boolean | undefined;
  invalid?: boolean | undefined;
}) => {
  const [draft, setDraft] = useState<{ for: string; text: string } | null>(null);
  const shown = draft !== null && draft.for === text ? draft.text : text;
  const commit = () => {
    if (shown === text) return;
    setDraft(null);
    onCommit(shown);
  };
  return (
    <label className="flex min-w-48 flex-1 flex-col text-xs text-slate-600">
      {label}
      <input
        type="text"
        className={`${inputClass} w-full`}
        value={shown}
        readOnly={readOnly}
        // The new segment's field takes the focus so its words can be typed at once.
        autoFocus={autoFocus}
        aria-invalid={invalid ? true : undefined}
        onChange={(event) => setDraft({ for: text, text: event.target.value })}
        onBlur={commit}
        onKeyDown={(event) => {
          if (event.key === "Enter") commit();
          if (event.key === "Escape") setDraft(null);
        }}
      />
    </label>
  );
};
