import {
  CreateProjectInputSchema,
  ListProjectsInputSchema,
  ProjectListSchema,
  ProjectNameInputSchema,
  ProjectSchema,
  SetProjectOntologyInputSchema,
  SetProjectParamsInputSchema,
  SetProjectSettingsInputSchema,
  TaskTemplateSchema,
} from "@taskforge/schema";

import {
  createProject,
  getProject,
  getTaskTemplate,
  listProjects,
  setProjectOntology,
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
  /** The ontology, as a new params version merged over the latest. */
  setOntology: orgProcedureFor("manage_work")
    .input(SetProjectOntologyInputSchema)
    .output(ProjectSchema)
    .mutation(({ ctx, input }) => setProjectOntology(ctx.scope, input)),
  /** The template new tasks start from: the latest params version. */
  taskTemplate: orgProcedureFor("read")
    .input(ProjectNameInputSchema)
    .output(TaskTemplateSchema)
    .query(({ ctx, input }) => getTaskTemplate(ctx.scope, input.name)),
  /** Each project's tasks counted per status (the projects page). */
  taskCounts: projectTaskCountsProcedure,
});
