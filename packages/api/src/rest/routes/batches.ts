import {
  BatchListQuerySchema,
  BatchListResponseSchema,
  BatchNameInputSchema,
  BatchSchema,
  BatchStatusCountsSchema,
  CreateBatchInputSchema,
  SetBatchMetadataInputSchema,
} from "@taskforge/schema";
import { z } from "zod";

import {
  createBatch,
  finalizeBatch,
  getBatch,
  getBatchStatus,
  listBatches,
  setBatchMetadata,
} from "../../services/batches";
import { defineRoute } from "../route";
import type { RestRoute } from "../route";

const byName = {
  input: BatchNameInputSchema,
  toInput: ({ params }: { params: Record<string, string> }) => ({ name: params.name }),
};

export const batchRoutes: RestRoute[] = [
  defineRoute({
    method: "POST",
    access: "manage_work",
    path: "/batches",
    summary: "Create a batch in a project",
    tag: "Batches",
    body: CreateBatchInputSchema,
    response: BatchSchema,
    input: CreateBatchInputSchema,
    toInput: ({ body }) => body,
    handle: (scope, input) => createBatch(scope, input),
  }),
  defineRoute({
    method: "GET",
    access: "read",
    path: "/batches",
    summary: "List batches, newest first (offset paging; both `total` and `totalDocs`)",
    tag: "Batches",
    query: BatchListQuerySchema,
    response: BatchListResponseSchema,
    input: BatchListQuerySchema,
    toInput: ({ query }) => query,
    handle: (scope, input) => listBatches(scope, input),
  }),
  defineRoute({
    method: "GET",
    access: "read",
    path: "/batches/:name",
    summary: "Retrieve a batch by name",
    tag: "Batches",
    response: BatchSchema,
    ...byName,
    handle: (scope, input) => getBatch(scope, input.name),
  }),
  defineRoute({
    method: "GET",
    access: "read",
    path: "/batches/:name/status",
    summary: "A batch's status and its tasks counted per status",
    tag: "Batches",
    response: BatchStatusCountsSchema,
    ...byName,
    handle: (scope, input) => getBatchStatus(scope, input.name),
  }),
  defineRoute({
    method: "POST",
    access: "manage_work",
    path: "/batches/:name/finalize",
    summary: "Finalize a staging batch (a no-op for others)",
    tag: "Batches",
    response: BatchSchema,
    ...byName,
    handle: (scope, input) => finalizeBatch(scope, input.name),
  }),
  defineRoute({
    method: "POST",
    access: "manage_work",
    path: "/batches/:name/setMetadata",
    summary: "Replace a batch's metadata (the body is the metadata object)",
    tag: "Batches",
    body: z.record(z.string(), z.unknown()),
    response: BatchSchema,
    input: SetBatchMetadataInputSchema,
    toInput: ({ params, body }) => ({ name: params.name, metadata: body }),
    handle: (scope, input) => setBatchMetadata(scope, input.name, input.metadata),
  }),
];
