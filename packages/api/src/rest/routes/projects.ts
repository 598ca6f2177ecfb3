import {
  CreateProjectInputSchema,
  ListProjectsInputSchema,
  MediaUploadInputSchema,
  OntologySchema,
  ProjectWorkSettingsSchema,
} from "@taskforge/schema";
import { z } from "zod";

import { bodyObject } from "../inputs";
import { defineRoute } from "../route";
import type { RestRoute } from "../route";

export const projectRoutes: RestRoute[] = [
  defineRoute({
    method: "POST",
    path: "/projects",
    operation: "projects.create",
    summary: "Create a project; its params become version 0",
    tag: "Projects",
    body: CreateProjectInputSchema,
    toInput: ({ body }) => body,
  }),
  defineRoute({
    method: "GET",
    path: "/projects",
    operation: "projects.list",
    summary: "List projects (a bare JSON array)",
    tag: "Projects",
    query: ListProjectsInputSchema,
    toInput: ({ query }) => query,
  }),
  defineRoute({
    method: "GET",
    path: "/projects/:name",
    operation: "projects.get",
    summary: "Retrieve a project by name",
    tag: "Projects",
    toInput: ({ params }) => ({ name: params.name }),
  }),
  defineRoute({
    method: "POST",
    path: "/projects/:name/media",
    operation: "projects.uploadMedia",
    summary:
      "Make tasks of the project from media (taskforge): the body is one file (one task) or a zip of files (one task per file), `?filename=` its name. Each file's bytes must be a kind the project's type labels; a duplicate of a file the project holds, or any refused file of a zip, stores nothing",
    tag: "Projects",
    rawBody: true,
    query: MediaUploadInputSchema.omit({ name: true }),
    toInput: ({ params, query, request }) => ({ name: params.name, ...query, body: request.body }),
  }),
  defineRoute({
    method: "POST",
    path: "/projects/:name/setParams",
    operation: "projects.setParams",
    summary: "Append a params version (`patch: true` merges it over the latest)",
    tag: "Projects",
    body: z.looseObject({ patch: z.boolean().optional(), instruction: z.string().optional() }),
    // Scale's body is the params themselves, beside `patch` and `instruction`.
    toInput: ({ params, body }) => {
      const { patch, instruction, ...rest } = bodyObject(body);
      return {
        name: params.name,
        ...(patch !== undefined ? { patch } : {}),
        ...(instruction !== undefined ? { instruction } : {}),
        params: rest,
      };
    },
  }),
  defineRoute({
    method: "POST",
    path: "/projects/:name/setOntology",
    operation: "projects.setOntology",
    summary:
      "Set the project's ontology (labels, or choices with subchoices): a new params version with `ontology` and `ontology_name` (the body's `name`), merged over the latest",
    tag: "Projects",
    body: z.strictObject({ ontology: OntologySchema, name: z.string().optional() }),
    toInput: ({ params, body }) => {
      const { name, ...rest } = bodyObject(body);
      return { name: params.name, ...rest, ...(name !== undefined ? { ontology_name: name } : {}) };
    },
  }),
  defineRoute({
    method: "GET",
    path: "/projects/:name/taskTemplates",
    operation: "projects.taskTemplate",
    summary:
      "The project's task template: its latest params version as `template_variables`, with `id`, `version`, `created_at` and `updated_at`",
    tag: "Projects",
    toInput: ({ params }) => ({ name: params.name }),
  }),
  defineRoute({
    method: "POST",
    path: "/projects/:name/setSettings",
    operation: "projects.setSettings",
    summary:
      "Change some of the project's work settings (consensus, lease, review, gold, redo, workforce); a taskforge extension",
    tag: "Projects",
    body: ProjectWorkSettingsSchema.partial(),
    toInput: ({ params, body }) => ({ name: params.name, work_settings: body }),
  }),
];
