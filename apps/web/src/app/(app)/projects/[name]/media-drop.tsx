"use client";

import { acceptedFilesOf, fileAttachmentRuleOf, MEDIA_KIND_EXTENSIONS } from "@taskforge/schema";
import Link from "next/link";
import { useRouter } from "next/navigation";
import { useState } from "react";
import type { DragEvent } from "react";

import { Alert, Button, ProgressBar } from "~/components/ui";
import { filesOfDrop, filesOfInput } from "~/lib/media/gather-files";
import type { DroppedFile } from "~/lib/media/gather-files";
import type { Refusal } from "~/lib/media/sort-files";
import { nothingToUploadNotice, sortDrop } from "~/lib/media/sort-files";
import { uploadFiles } from "~/lib/media/upload-files";
import type { UploadProgress } from "~/lib/media/upload-files";

const size = (bytes: number) =>
  bytes < 1024 * 1024 ? `${Math.ceil(bytes / 1024)} KB` : `${(bytes / 1024 / 1024).toFixed(1)} MB`;
const plural = (count: number, word: string) => `${count} ${word}${count === 1 ? "" : "s"}`;

/** Problems listed on the page; the count says how many more there are. */
const SHOWN_REFUSALS = 50;

/**
 * Drop media files (or a folder, or a zip) on a project: each file becomes one task of the
 * project's type. Files the type cannot label are refused by name before anything is sent; the
 * rest upload a few at a time with progress, and the server checks each one's bytes again.
 */
export const MediaDrop = ({ project, type }: { project: string; type: string }) => {
  const router = useRouter();
  const rule = fileAttachmentRuleOf(type);
  const [over, setOver] = useState(false);
  const [progress, setProgress] = useState<UploadProgress | null>(null);
  const [created, setCreated] = useState<{ count: number; lastTask?: string }>({ count: 0 });
  const [refused, setRefused] = useState<Refusal[]>([]);
  const [notice, setNotice] = useState<string | null>(null);
  const [running, setRunning] = useState(false);

  if (!rule) {
    return (
      <p className="text-sm text-slate-600">
        Tasks of type <span className="font-mono">{type}</span> are not made from media files; use a
        JSONL or CSV file on <Link href={`/tasks/new?type=${type}`}>New tasks</Link>.
      </p>
    );
  }
  const accept = [...rule.kinds.flatMap((kind) => MEDIA_KIND_EXTENSIONS[kind]), ".zip"].join(",");

  const start = async (gathered: Promise<DroppedFile[]>) => {
    setRunning(true);
    setNotice(null);
    setRefused([]);
    setCreated({ count: 0 });
    setProgress(null);
    try {
      const files = await gathered;
      const sorted = sortDrop(files, type, rule);
      const { send, refused: byName } = sorted;
      setRefused(byName);
      const nothing = nothingToUploadNotice(files, sorted);
      if (nothing) {
        setNotice(nothing);
        return;
      }
      if (send.length === 0) return;
      let count = 0;
      await uploadFiles(project, send, (next, outcome) => {
        setProgress(next);
        if (!outcome) return;
        if (outcome.ok) {
          count += outcome.result.created.length;
          setCreated({ count, lastTask: outcome.result.created.at(-1)?.task_id });
        } else {
          const { path, message } = outcome;
          setRefused((current) => [...current, { path, message }]);
        }
      });
      router.refresh();
    } catch (error) {
      setNotice(`The upload stopped: ${(error as Error).message}`);
    } finally {
      setRunning(false);
    }
  };

  const onDrop = (event: DragEvent<HTMLDivElement>) => {
    event.preventDefault();
    setOver(false);
    if (!running) void start(filesOfDrop(event.dataTransfer));
  };

  return (
    <div className="space-y-3">
      <div
        data-testid="media-drop"
        onDragOver={(event) => {
          event.preventDefault();
          setOver(true);
        }}
        onDragLeave={() => setOver(false)}
        onDrop={onDrop}
        className={`rounded-lg border-2 border-dashed px-4 py-6 text-center text-sm ${
          over ? "border-brand-600 bg-brand-50" : "border-slate-300 bg-slate-50"
        }`}
      >
        <p className="font-medium text-slate-800">
          Drop {acceptedFilesOf(type)} here, a folder of them, or a .zip
        </p>
        <p className="mt-1 text-slate-600">Each file becomes one task of this project.</p>
        <div className="mt-3 flex flex-wrap items-center justify-center gap-3">
          <label className="cursor-pointer text-brand-700 underline">
            Choose files
            <input
              type="file"
              multiple
              accept={accept}
              aria-label="Choose files"
              className="sr-only"
              disabled={running}
              onChange={(event) => void start(Promise.resolve(filesOfInput(event.target.files)))}
            />
          </label>
          <label className="cursor-pointer text-brand-700 underline">
            Choose a folder
            <input
              type="file"
              aria-label="Choose a folder"
              className="sr-only"
              disabled={running}
              // Not in React's types: the browsers' attribute for picking a whole folder.
              {...{ webkitdirectory: "" }}
              onChange={(event) => void start(Promise.resolve(filesOfInput(event.target.files)))}
            />
          </label>
        </div>
      </div>
      {progress ? (
        <div className="space-y-1" aria-live="polite">
          <ProgressBar
            value={progress.bytesTotal > 0 ? progress.bytesSent / progress.bytesTotal : 1}
            label="Upload progress"
          />
          <p className="text-sm text-slate-700" data-testid="media-progress">
            {progress.filesDone} of {plural(progress.filesTotal, "file")} ·{" "}
            {size(progress.bytesSent)} of {size(progress.bytesTotal)}
          </p>
        </div>
      ) : null}
      {!running && created.count > 0 ? (
        <Alert tone="success">
          Created {plural(created.count, "task")}.{" "}
          <Link href={`/tasks?project=${encodeURIComponent(project)}`}>See the tasks</Link>
        </Alert>
      ) : null}
      {notice ? <Alert tone="warning">{notice}</Alert> : null}
      {refused.length > 0 ? (
        <Alert tone="error">
          {plural(refused.length, "file")} refused; nothing of them was stored.
          <ul className="mt-1 list-disc pl-5">
            {refused.slice(0, SHOWN_REFUSALS).map((refusal, index) => (
              <li key={index}>
                <span className="font-mono">{refusal.path}</span>: {refusal.message}
              </li>
            ))}
          </ul>
          {refused.length > SHOWN_REFUSALS ? (
            <p>…and {refused.length - SHOWN_REFUSALS} more.</p>
          ) : null}
        </Alert>
      ) : null}
      {running ? (
        <Button disabled variant="secondary" size="sm">
          Uploading…
        </Button>
      ) : null}
    </div>
  );
};
