import {
  BatchListQuerySchema,
  CreateBatchInputSchema,
  PrioritizeBatchInputSchema,
} from "@taskforge/schema";
import { z } from "zod";

import { bodyObject } from "../inputs";
import { defineRoute } from "../route";
import type { RestRoute, RouteRequest } from "../route";

const byName = ({ params }: RouteRequest) => ({ name: params.name });

export const batchRoutes: RestRoute[] = [
  defineRoute({
    method: "POST",
    path: "/batches",
    operation: "batches.create",
    summary: "Create a batch in a project",
    tag: "Batches",
    body: CreateBatchInputSchema,
    toInput: ({ body }) => body,
  }),
  defineRoute({
    method: "GET",
    path: "/batches",
    operation: "batches.list",
    summary: "List batches, newest first (offset paging; both `total` and `totalDocs`)",
    tag: "Batches",
    query: BatchListQuerySchema,
    toInput: ({ query }) => query,
  }),
  defineRoute({
    method: "GET",
    path: "/batches/:name",
    operation: "batches.get",
    summary: "Retrieve a batch by name",
    tag: "Batches",
    toInput: byName,
  }),
  defineRoute({
    method: "GET",
    path: "/batches/:name/status",
    operation: "batches.status",
    summary: "A batch's status and its tasks counted per status",
    tag: "Batches",
    toInput: byName,
  }),
  defineRoute({
    method: "POST",
    path: "/batches/:name/finalize",
    operation: "batches.finalize",
    summary: "Finalize a staging batch (a no-op for others)",
    tag: "Batches",
    toInput: byName,
  }),
  defineRoute({
    method: "POST",
    path: "/batches/:name/setMetadata",
    operation: "batches.setMetadata",
    summary: "Replace a batch's metadata (the body is the metadata object)",
    tag: "Batches",
    body: z.record(z.string(), z.unknown()),
    toInput: ({ params, body }) => ({ name: params.name, metadata: body }),
  }),
  defineRoute({
    method: "POST",
    path: "/batches/:name/prioritize",
    operation: "batches.prioritize",
    summary:
      "Set a batch's priority (10 to 30): its tasks are served before those of batches with a lower one",
    tag: "Batches",
    body: PrioritizeBatchInputSchema.omit({ name: true }),
    toInput: ({ params, body }) => ({ ...bodyObject(body), name: params.name }),
  }),
];
