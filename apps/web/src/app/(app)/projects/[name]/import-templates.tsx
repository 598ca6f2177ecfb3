"use client";

import { Button } from "~/components/ui";
import { downloadTemplate } from "~/lib/media/download-template";

/** Sample CSV and JSONL files of a type, for the bulk import. */
export const ImportTemplates = ({ type }: { type: string }) => (
  <div className="flex flex-wrap items-center gap-2 text-sm">
    <span className="text-slate-700">Templates for {type}:</span>
    <Button variant="secondary" size="sm" onClick={() => downloadTemplate(type, "csv")}>
      CSV template
    </Button>
    <Button variant="secondary" size="sm" onClick={() => downloadTemplate(type, "jsonl")}>
      JSONL template
    </Button>
  </div>
);
