import {
  ImportErrorsQuerySchema,
  ImportListInputSchema,
  StartImportInputSchema,
} from "@taskforge/schema";

import { defineRoute } from "../route";
import type { RestRoute } from "../route";

export const importRoutes: RestRoute[] = [
  defineRoute({
    method: "POST",
    path: "/imports",
    operation: "imports.start",
    summary:
      "Import tasks from a JSONL or CSV body (streamed; one task per line or row). Answers the finished job; pass your own `job_id` (a UUID) to poll GET /imports/{id} meanwhile. An interrupted import is continued with `job_id`, `resume=true` and the file again from `first_line` (at most its `stored_through_line` + 1; CSV: the whole file): stored lines are skipped",
    tag: "Imports",
    rawBody: true,
    query: StartImportInputSchema,
    toInput: ({ query, request }) => ({ ...query, body: request.body }),
  }),
  defineRoute({
    method: "GET",
    path: "/imports",
    operation: "imports.list",
    summary: "Recent imports, newest first",
    tag: "Imports",
    query: ImportListInputSchema,
    toInput: ({ query }) => query,
  }),
  defineRoute({
    method: "GET",
    path: "/imports/:id",
    operation: "imports.get",
    summary: "An import's status and counters (they advance after each chunk of 1,000 lines)",
    tag: "Imports",
    toInput: ({ params }) => ({ id: params.id }),
  }),
  defineRoute({
    method: "GET",
    path: "/imports/:id/errors",
    operation: "imports.errors",
    // `?format=csv` is the whole report as a file: another operation, with the same access.
    alternate: { operation: "imports.errorReport", when: ({ query }) => query.format === "csv" },
    summary:
      "An import's per-line problems in line order (`?format=csv` downloads them all as a CSV report)",
    tag: "Imports",
    query: ImportErrorsQuerySchema,
    toInput: ({ params, query }) => {
      const { format, ...page } = query;
      return format === "csv" ? { id: params.id } : { ...page, format, id: params.id };
    },
  }),
];
