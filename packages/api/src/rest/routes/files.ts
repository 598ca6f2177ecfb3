import { z } from "zod";

import {
  FileIdInputSchema,
  FileObjectSchema,
  getFile,
  ImportFileInputSchema,
  importFromUrl,
  uploadFromRequest,
} from "../../services/files";
import { defineRoute } from "../route";
import type { RestRoute } from "../route";

export const fileRoutes: RestRoute[] = [
  defineRoute({
    method: "POST",
    access: "manage_work",
    path: "/files/upload",
    summary:
      "Upload a file (multipart: `file`, optional `project_name`/`project_names`, `display_name`); its `attachment_url` can be a task attachment",
    tag: "Files",
    rawBody: true,
    response: FileObjectSchema,
    input: z.object({}),
    toInput: () => ({}),
    handle: (scope, _input, request) => uploadFromRequest(scope, request.request),
  }),
  defineRoute({
    method: "POST",
    access: "manage_work",
    path: "/files/import",
    summary: "Import a file from an http(s) URL, downloaded by the server",
    tag: "Files",
    body: ImportFileInputSchema,
    response: FileObjectSchema,
    input: ImportFileInputSchema,
    toInput: ({ body }) => body,
    handle: (scope, input) => importFromUrl(scope, input),
  }),
  defineRoute({
    method: "GET",
    access: "read",
    path: "/files/:id",
    summary: "Retrieve a file object",
    tag: "Files",
    response: FileObjectSchema,
    input: FileIdInputSchema,
    toInput: ({ params }) => ({ id: params.id }),
    handle: (scope, input) => getFile(scope, input.id),
  }),
];
