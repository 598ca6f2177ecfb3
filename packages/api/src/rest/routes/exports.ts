import {
  CreateExportInputSchema,
  ExportFormatSchema,
  ExportIdInputSchema,
  ExportJobSchema,
} from "@taskforge/schema";
import { z } from "zod";

import { createExportJob, exportDownloadResponse, getExportJob } from "../../services/exports";
import { defineRoute } from "../route";
import type { RestRoute } from "../route";

const byId = {
  input: ExportIdInputSchema,
  toInput: ({ params }: { params: Record<string, string> }) => ({ id: params.id }),
};

export const exportRoutes: RestRoute[] = [
  defineRoute({
    method: "POST",
    access: "manage_work",
    path: "/exports",
    summary: "Start an export of the tasks matching the list filters (a background job)",
    tag: "Exports",
    body: z.looseObject({ format: ExportFormatSchema }),
    response: ExportJobSchema,
    input: CreateExportInputSchema,
    // The REST body is flat, `{format, ...filters}`, like the query of GET /v1/tasks.
    toInput: ({ body }) => {
      if (typeof body !== "object" || body === null || Array.isArray(body)) return body;
      const { format, ...filters } = body as Record<string, unknown>;
      return { format, filters };
    },
    handle: (scope, input) => createExportJob(scope, input),
  }),
  defineRoute({
    method: "GET",
    access: "read",
    path: "/exports/:id",
    summary: "Retrieve an export job and its progress",
    tag: "Exports",
    response: ExportJobSchema,
    ...byId,
    handle: (scope, input) => getExportJob(scope, input.id),
  }),
  defineRoute({
    method: "GET",
    access: "read",
    path: "/exports/:id/download",
    summary: "Download a completed export's file (409 until it has completed)",
    tag: "Exports",
    response: z.string().describe("the file"),
    ...byId,
    handle: (scope, input) => exportDownloadResponse(scope, input.id),
  }),
];
