import { ExportFormatSchema } from "@taskforge/schema";
import { z } from "zod";

import { defineRoute } from "../route";
import type { RestRoute, RouteRequest } from "../route";

const byId = ({ params }: RouteRequest) => ({ id: params.id });

export const exportRoutes: RestRoute[] = [
  defineRoute({
    method: "POST",
    path: "/exports",
    operation: "exports.create",
    summary: "Start an export of the tasks matching the list filters (a background job)",
    tag: "Exports",
    body: z.looseObject({ format: ExportFormatSchema }),
    // The REST body is flat, `{format, ...filters}`, like the query of GET /v1/tasks.
    toInput: ({ body }) => {
      if (typeof body !== "object" || body === null || Array.isArray(body)) return body;
      const { format, ...filters } = body as Record<string, unknown>;
      return { format, filters };
    },
  }),
  defineRoute({
    method: "GET",
    path: "/exports/:id",
    operation: "exports.get",
    summary: "Retrieve an export job and its progress",
    tag: "Exports",
    toInput: byId,
  }),
  defineRoute({
    method: "GET",
    path: "/exports/:id/download",
    operation: "exports.download",
    summary: "Download a completed export's file (409 until it has completed)",
    tag: "Exports",
    response: z.string().describe("the file"),
    toInput: byId,
  }),
];
