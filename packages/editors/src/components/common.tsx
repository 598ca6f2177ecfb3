import type { ReactNode } from "react";

import { formatValue } from "../format";

/** A titled block inside a renderer. */
export const Section = ({ title, children }: { title: ReactNode; children: ReactNode }) => (
  <section className="space-y-2">
    <h3 className="text-sm font-semibold text-slate-800">{title}</h3>
    {children}
  </section>
);

/** Coloured swatches with each label's name and, when given, how often it occurs. */
export const Legend = ({
  entries,
  title = "Legend",
}: {
  entries: readonly { label: string; color: string; count?: number | string | undefined }[];
  title?: string;
}) =>
  entries.length === 0 ? null : (
    <ul aria-label={title} className="flex flex-wrap gap-x-4 gap-y-1 text-xs text-slate-700">
      {entries.map((entry) => (
        <li key={entry.label} className="flex items-center gap-1.5">
          <span
            aria-hidden="true"
            className="inline-block h-3 w-3 rounded-sm"
            style={{ backgroundColor: entry.color }}
          />
          <span className="font-medium">{entry.label}</span>
          {entry.count !== undefined ? (
            <span className="tabular-nums text-slate-500">({entry.count})</span>
          ) : null}
        </li>
      ))}
    </ul>
  );

/** Name/value pairs (attributes, settings) as a compact definition list. */
export const KeyValues = ({
  values,
}: {
  values: Readonly<Record<string, unknown>> | undefined;
}) => {
  const entries = Object.entries(values ?? {});
  if (entries.length === 0) return null;
  return (
    <dl className="flex flex-wrap gap-x-3 gap-y-1 text-xs">
      {entries.map(([key, value]) => (
        <div key={key} className="flex gap-1">
          <dt className="text-slate-500">{key}:</dt>
          <dd className="font-medium text-slate-800">{formatValue(value)}</dd>
        </div>
      ))}
    </dl>
  );
};

/** Shown where a task has no response yet. */
export const NoResponse = () => <p className="text-sm text-slate-600 italic">No response yet.</p>;

/** Raw JSON, for data no renderer interprets. */
export const JsonBlock = ({ value, label }: { value: unknown; label?: string }) => (
  <pre
    aria-label={label}
    className="max-h-96 overflow-auto rounded-md bg-slate-900 p-3 text-xs text-slate-100"
  >
    {JSON.stringify(value, null, 2)}
  </pre>
);

/** Whether a string is an http(s) URL, the only kind rendered as a link. */
export const isWebUrl = (value: string): boolean => /^https?:\/\//i.test(value);

export type AttachmentKind = "text" | "image" | "website" | "audio" | "video" | "pdf";

/**
 * One attachment shown as what it is: text as text, media in their players, a website or a PDF
 * as a link (never fetched or framed here).
 */
export const AttachmentView = ({
  type,
  content,
  label = "Attachment",
}: {
  type: AttachmentKind;
  content: string;
  label?: string;
}) => {
  switch (type) {
    case "text":
      return (
        <blockquote className="rounded-md border-l-4 border-slate-300 bg-slate-50 px-3 py-2 text-sm whitespace-pre-wrap text-slate-800">
          {content}
        </blockquote>
      );
    case "image":
      return (
        <img
          src={content}
          alt={label}
          className="max-h-96 max-w-full rounded-md border border-slate-200 bg-slate-100"
        />
      );
    case "audio":
      return <audio controls preload="none" src={content} aria-label={label} className="w-full" />;
    case "video":
      return (
        <video
          controls
          preload="none"
          src={content}
          aria-label={label}
          className="max-h-96 w-full rounded-md bg-black"
        />
      );
    case "website":
    case "pdf":
      // Only web links are clickable: a javascript: or data: "URL" stays inert text.
      if (!isWebUrl(content)) return <code className="break-all">{content}</code>;
      return (
        <a
          href={content}
          target="_blank"
          rel="noopener noreferrer nofollow"
          className="text-sm break-all"
        >
          {content}
        </a>
      );
  }
};
