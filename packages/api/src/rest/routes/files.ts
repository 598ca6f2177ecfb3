import { ImportFileInputSchema } from "@taskforge/schema";

import { defineRoute } from "../route";
import type { RestRoute } from "../route";

export const fileRoutes: RestRoute[] = [
  defineRoute({
    method: "POST",
    path: "/files/upload",
    operation: "files.upload",
    summary:
      "Upload a file (multipart: `file`, optional `project_name`/`project_names`, `display_name`); its `attachment_url` can be a task attachment",
    tag: "Files",
    rawBody: true,
    toInput: ({ request }) => ({ request }),
  }),
  defineRoute({
    method: "POST",
    path: "/files/import",
    operation: "files.import",
    summary: "Import a file from an http(s) URL, downloaded by the server",
    tag: "Files",
    body: ImportFileInputSchema,
    toInput: ({ body }) => body,
  }),
  defineRoute({
    method: "GET",
    path: "/files/:id",
    operation: "files.get",
    summary: "Retrieve a file object",
    tag: "Files",
    toInput: ({ params }) => ({ id: params.id }),
  }),
];
