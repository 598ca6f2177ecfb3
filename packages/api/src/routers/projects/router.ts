import {
  CreateProjectInputSchema,
  ListProjectsInputSchema,
  ProjectListSchema,
  ProjectNameInputSchema,
  ProjectSchema,
  SetProjectParamsInputSchema,
  SetProjectSettingsInputSchema,
} from "@taskforge/schema";

import {
  createProject,
  getProject,
  listProjects,
  setProjectParams,
  setProjectSettings,
} from "../../services/projects";
import { createTRPCRouter, orgProcedureFor } from "../../trpc";
import { projectTaskCountsProcedure } from "./task-counts";

export const projectsRouter = createTRPCRouter({
  create: orgProcedureFor("manage_work")
    .input(CreateProjectInputSchema)
    .output(ProjectSchema)
    .mutation(({ ctx, input }) => createProject(ctx.scope, input)),
  list: orgProcedureFor("read")
    .input(ListProjectsInputSchema)
    .output(ProjectListSchema)
    .query(({ ctx, input }) => listProjects(ctx.scope, input)),
  get: orgProcedureFor("read")
    .input(ProjectNameInputSchema)
    .output(ProjectSchema)
    .query(({ ctx, input }) => getProject(ctx.scope, input.name)),
  /** Appends a params version; `patch` merges it over the latest. */
  setParams: orgProcedureFor("manage_work")
    .input(SetProjectParamsInputSchema)
    .output(ProjectSchema)
    .mutation(({ ctx, input }) => setProjectParams(ctx.scope, input)),
  /** Consensus, lease, review, gold, redo and workforce settings; those left out keep their values. */
  setSettings: orgProcedureFor("manage_work")
    .input(SetProjectSettingsInputSchema)
    .output(ProjectSchema)
    .mutation(({ ctx, input }) => setProjectSettings(ctx.scope, input)),
  /** Each project's tasks counted per status (the projects page). */
  taskCounts: projectTaskCountsProcedure,
});
