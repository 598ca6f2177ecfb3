import {
  ImportErrorsInputSchema,
  ImportErrorsPageSchema,
  ImportJobIdInputSchema,
  ImportJobSchema,
  ImportListInputSchema,
  StartImportInputSchema,
} from "@taskforge/schema";
import { z } from "zod";

import {
  getImportJob,
  importErrorReport,
  listImportErrors,
  listImportJobs,
  runImport,
} from "../../services/imports";
import { defineRoute } from "../route";
import type { RestRoute } from "../route";

const ErrorsQuerySchema = ImportErrorsInputSchema.omit({ id: true }).extend({
  format: z.enum(["json", "csv"]).default("json"),
});

export const importRoutes: RestRoute[] = [
  defineRoute({
    method: "POST",
    access: "manage_work",
    path: "/imports",
    summary:
      "Import tasks from a JSONL or CSV body (streamed; one task per line or row). Answers the finished job; pass your own `job_id` (a UUID) to poll GET /imports/{id} meanwhile. An interrupted import is continued with `job_id`, `resume=true` and the file again from `first_line` (at most its `stored_through_line` + 1; CSV: the whole file): stored lines are skipped",
    tag: "Imports",
    rawBody: true,
    query: StartImportInputSchema,
    response: ImportJobSchema,
    input: StartImportInputSchema,
    toInput: ({ query }) => query,
    handle: (scope, input, { request }) => runImport(scope, input, request.body),
  }),
  defineRoute({
    method: "GET",
    access: "read",
    path: "/imports",
    summary: "Recent imports, newest first",
    tag: "Imports",
    query: ImportListInputSchema,
    response: z.array(ImportJobSchema),
    input: ImportListInputSchema,
    toInput: ({ query }) => query,
    handle: (scope, input) => listImportJobs(scope, input.limit),
  }),
  defineRoute({
    method: "GET",
    access: "read",
    path: "/imports/:id",
    summary: "An import's status and counters (they advance after each chunk of 1,000 lines)",
    tag: "Imports",
    response: ImportJobSchema,
    input: ImportJobIdInputSchema,
    toInput: ({ params }) => ({ id: params.id }),
    handle: (scope, input) => getImportJob(scope, input.id),
  }),
  defineRoute({
    method: "GET",
    access: "read",
    path: "/imports/:id/errors",
    summary:
      "An import's per-line problems in line order (`?format=csv` downloads them all as a CSV report)",
    tag: "Imports",
    query: ErrorsQuerySchema,
    response: ImportErrorsPageSchema,
    input: ErrorsQuerySchema.extend({ id: z.uuid() }),
    toInput: ({ params, query }) => ({ ...query, id: params.id }),
    handle: (scope, { format, ...input }) =>
      format === "csv" ? importErrorReport(scope, input.id) : listImportErrors(scope, input),
  }),
];
