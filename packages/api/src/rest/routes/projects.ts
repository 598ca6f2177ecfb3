import {
  CreateProjectInputSchema,
  ListProjectsInputSchema,
  MediaUploadInputSchema,
  MediaUploadResultSchema,
  ProjectNameInputSchema,
  ProjectSchema,
  ProjectWorkSettingsSchema,
  SetProjectParamsInputSchema,
  SetProjectSettingsInputSchema,
} from "@taskforge/schema";
import { z } from "zod";

import {
  createProject,
  getProject,
  listProjects,
  setProjectParams,
  setProjectSettings,
} from "../../services/projects";
import { uploadMedia } from "../../services/media";
import { defineRoute } from "../route";
import type { RestRoute } from "../route";

export const projectRoutes: RestRoute[] = [
  defineRoute({
    method: "POST",
    access: "manage_work",
    path: "/projects",
    summary: "Create a project; its params become version 0",
    tag: "Projects",
    body: CreateProjectInputSchema,
    response: ProjectSchema,
    input: CreateProjectInputSchema,
    toInput: ({ body }) => body,
    handle: (scope, input) => createProject(scope, input),
  }),
  defineRoute({
    method: "GET",
    access: "read",
    path: "/projects",
    summary: "List projects (a bare JSON array)",
    tag: "Projects",
    query: ListProjectsInputSchema,
    response: z.array(ProjectSchema),
    input: ListProjectsInputSchema,
    toInput: ({ query }) => query,
    handle: (scope, input) => listProjects(scope, input),
  }),
  defineRoute({
    method: "GET",
    access: "read",
    path: "/projects/:name",
    summary: "Retrieve a project by name",
    tag: "Projects",
    response: ProjectSchema,
    input: ProjectNameInputSchema,
    toInput: ({ params }) => ({ name: params.name }),
    handle: (scope, input) => getProject(scope, input.name),
  }),
  defineRoute({
    method: "POST",
    access: "manage_work",
    path: "/projects/:name/media",
    summary:
      "Make tasks of the project from media (taskforge): the body is one file (one task) or a zip of files (one task per file), `?filename=` its name. Each file's bytes must be a kind the project's type labels; a duplicate of a file the project holds, or any refused file of a zip, stores nothing",
    tag: "Projects",
    rawBody: true,
    query: MediaUploadInputSchema.omit({ name: true }),
    response: MediaUploadResultSchema,
    input: MediaUploadInputSchema,
    toInput: ({ params, query }) => ({ name: params.name, ...query }),
    handle: (scope, input, { request }) => uploadMedia(scope, input, request.body),
  }),
  defineRoute({
    method: "POST",
    access: "manage_work",
    path: "/projects/:name/setParams",
    summary: "Append a params version (`patch: true` merges it over the latest)",
    tag: "Projects",
    body: z.looseObject({ patch: z.boolean().optional(), instruction: z.string().optional() }),
    response: ProjectSchema,
    input: SetProjectParamsInputSchema,
    toInput: ({ params, body }) => {
      const { patch, instruction, ...rest } =
        body !== null && typeof body === "object" && !Array.isArray(body)
          ? (body as Record<string, unknown>)
          : {};
      return {
        name: params.name,
        ...(patch !== undefined ? { patch } : {}),
        ...(instruction !== undefined ? { instruction } : {}),
        params: rest,
      };
    },
    handle: (scope, input) => setProjectParams(scope, input),
  }),
  defineRoute({
    method: "POST",
    access: "manage_work",
    path: "/projects/:name/setSettings",
    summary:
      "Change some of the project's work settings (consensus, lease, review, gold, redo, workforce); a taskforge extension",
    tag: "Projects",
    body: ProjectWorkSettingsSchema.partial(),
    response: ProjectSchema,
    input: SetProjectSettingsInputSchema,
    toInput: ({ params, body }) => ({ name: params.name, work_settings: body }),
    handle: (scope, input) => setProjectSettings(scope, input),
  }),
];
