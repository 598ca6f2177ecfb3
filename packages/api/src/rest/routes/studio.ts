import {
  AssignStudioBatchInputSchema,
  CreateProjectGroupInputSchema,
  SetStudioPrioritiesInputSchema,
  StudioAssignmentChangeInputSchema,
  UpdateProjectGroupInputSchema,
} from "@taskforge/schema";

import { bodyObject } from "../inputs";
import { defineRoute } from "../route";
import type { RestRoute } from "../route";

export const studioRoutes: RestRoute[] = [
  defineRoute({
    method: "GET",
    path: "/studio/assignments",
    operation: "studio.assignments",
    summary:
      "Each annotator's and reviewer's email with the projects they are assigned to (picked for)",
    tag: "Studio",
    toInput: () => ({}),
  }),
  defineRoute({
    method: "POST",
    path: "/studio/assignments/add",
    operation: "studio.addAssignments",
    summary:
      "Assign members to projects (a pick for each kind of work their roles allow; the projects then work with selected members); answers every assignment",
    tag: "Studio",
    body: StudioAssignmentChangeInputSchema,
    toInput: ({ body }) => body,
  }),
  defineRoute({
    method: "POST",
    path: "/studio/assignments/remove",
    operation: "studio.removeAssignments",
    summary: "Unassign members from projects; answers every assignment",
    tag: "Studio",
    body: StudioAssignmentChangeInputSchema,
    toInput: ({ body }) => body,
  }),
  defineRoute({
    method: "GET",
    path: "/studio/projects/:project/groups",
    operation: "studio.groups",
    summary: "A project's groups of members, oldest first",
    tag: "Studio",
    toInput: ({ params }) => ({ project: params.project }),
  }),
  defineRoute({
    method: "POST",
    path: "/studio/projects/:project/groups",
    operation: "studio.createGroup",
    summary: "Create a group of members (annotators or reviewers) in a project",
    tag: "Studio",
    body: CreateProjectGroupInputSchema.omit({ project: true }),
    toInput: ({ params, body }) => ({ ...bodyObject(body), project: params.project }),
  }),
  defineRoute({
    method: "PUT",
    path: "/studio/projects/:project/groups/:group",
    operation: "studio.updateGroup",
    summary: "Add members to a project group and remove others",
    tag: "Studio",
    body: UpdateProjectGroupInputSchema.omit({ project: true, group: true }),
    toInput: ({ params, body }) => ({
      ...bodyObject(body),
      project: params.project,
      group: params.group,
    }),
  }),
  defineRoute({
    method: "GET",
    path: "/studio/batches",
    operation: "studio.batches",
    summary: "Pending batches in the order their tasks are served (highest priority first)",
    tag: "Studio",
    toInput: () => ({}),
  }),
  defineRoute({
    method: "PUT",
    path: "/studio/batches/:batch",
    operation: "studio.assignBatch",
    summary:
      "Serve a batch only to the members of these groups of its project (an empty list: to everyone eligible again)",
    tag: "Studio",
    body: AssignStudioBatchInputSchema.omit({ batch: true }),
    toInput: ({ params, body }) => ({ ...bodyObject(body), batch: params.batch }),
  }),
  defineRoute({
    method: "POST",
    path: "/studio/batches/set_priorities",
    operation: "studio.setPriorities",
    summary:
      "Order pending batches, the first served first (pending batches left out come after, oldest first)",
    tag: "Studio",
    body: SetStudioPrioritiesInputSchema,
    toInput: ({ body }) => body,
  }),
  defineRoute({
    method: "POST",
    path: "/studio/batches/reset_priorities",
    operation: "studio.resetPriorities",
    summary: "Clear every pending batch's priority: batches are served oldest first",
    tag: "Studio",
    toInput: () => ({}),
  }),
];
