import { ExportFormatSchema, ExportMediaSchema } from "@taskforge/schema";
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
    body: z.looseObject({ format: ExportFormatSchema, media: ExportMediaSchema.optional() }),
    // The REST body is flat, `{format, media, ...filters}`, like the query of GET /v1/tasks;
    // image URLs point at the origin the client called.
    toInput: ({ body, request }) => {
      if (typeof body !== "object" || body === null || Array.isArray(body)) return body;
      const { format, media, ...filters } = body as Record<string, unknown>;
      return { format, media, filters, base_url: new URL(request.url).origin };
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
