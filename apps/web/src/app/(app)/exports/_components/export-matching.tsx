"use client";

import {
  EXPORT_FORMATS,
  EXPORT_FORMAT_LABELS,
  exportCarriesMedia,
  ExportFormatSchema,
  ExportMediaSchema,
} from "@taskforge/schema";
import type { ExportFiltersInput, ExportFormat, ExportMedia } from "@taskforge/schema";
import { useMutation } from "@tanstack/react-query";
import Link from "next/link";
import { useState } from "react";

import { Alert, Button, SelectField } from "~/components/ui";
import { describeError, useTRPC } from "~/trpc/client";

/**
 * "Export all matching…" on the Tasks page: queues an export job of every task matching the
 * page's filters (not only the rows shown) and points to /exports, where it can be downloaded.
 */
export const ExportMatching = ({ filters }: { filters: ExportFiltersInput }) => {
  const [open, setOpen] = useState(false);
  const [format, setFormat] = useState<ExportFormat>("jsonl");
  const [media, setMedia] = useState<ExportMedia>("urls");
  const create = useMutation(useTRPC().exports.create.mutationOptions());
  if (!open) {
    return (
      <Button variant="secondary" size="sm" onClick={() => setOpen(true)}>
        Export all matching…
      </Button>
    );
  }
  return (
    <form
      aria-label="Export all matching tasks"
      className="flex flex-wrap items-end gap-2 rounded-lg border border-slate-200 bg-white p-3"
      onSubmit={(event) => {
        event.preventDefault();
        // Image URLs in the file point at this dashboard's origin.
        create.mutate({ format, filters, media, base_url: window.location.origin });
      }}
    >
      <SelectField
        label="Export format"
        value={format}
        onChange={(event) => setFormat(ExportFormatSchema.parse(event.target.value))}
      >
        {EXPORT_FORMATS.map((value) => (
          <option key={value} value={value}>
            {EXPORT_FORMAT_LABELS[value]}
          </option>
        ))}
      </SelectField>
      {exportCarriesMedia(format) ? (
        <SelectField
          label="Images"
          value={media}
          onChange={(event) => setMedia(ExportMediaSchema.parse(event.target.value))}
        >
          <option value="urls">Download URLs</option>
          <option value="include">Included in a zip</option>
        </SelectField>
      ) : null}
      <Button type="submit" size="sm" disabled={create.isPending}>
        {create.isPending ? "Starting…" : "Start export"}
      </Button>
      <Button type="button" variant="secondary" size="sm" onClick={() => setOpen(false)}>
        Close
      </Button>
      <div className="basis-full" aria-live="polite">
        {create.data ? (
          <Alert tone="success">
            Export started.{" "}
            <Link href="/exports" className="underline">
              Follow it on the Exports page
            </Link>
            .
          </Alert>
        ) : null}
        {create.error ? <Alert tone="error">{describeError(create.error).message}</Alert> : null}
      </div>
    </form>
  );
};
