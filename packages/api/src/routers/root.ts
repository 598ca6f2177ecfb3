import type { inferRouterInputs, inferRouterOutputs } from "@trpc/server";

import { createCallerFactory, createTRPCRouter } from "../trpc";
import { apiKeysRouter } from "./account/api-keys";
import { membersRouter } from "./account/members";
import { accountRouter } from "./account/router";
import { adminRouter } from "./admin/router";
import { batchesRouter } from "./batches/router";
import { callbacksRouter } from "./callbacks/router";
import { exportsRouter } from "./exports/router";
import { importsRouter } from "./imports/router";
import { filesRouter } from "./files/router";
import { projectsRouter } from "./projects/router";
import { qualityRouter } from "./quality/router";
import { staffingRouter } from "./staffing/router";
import { studioRouter } from "./studio/router";
import { tasksRouter } from "./tasks/router";
import { teamsRouter } from "./teams/router";
import { workRouter } from "./work/router";
import { workforceRouter } from "./work/workforce";

export const appRouter = createTRPCRouter({
  account: accountRouter,
  admin: adminRouter,
  apiKeys: apiKeysRouter,
  members: membersRouter,
  batches: batchesRouter,
  callbacks: callbacksRouter,
  exports: exportsRouter,
  imports: importsRouter,
  files: filesRouter,
  projects: projectsRouter,
  quality: qualityRouter,
  staffing: staffingRouter,
  studio: studioRouter,
  tasks: tasksRouter,
  teams: teamsRouter,
  work: workRouter,
  workforce: workforceRouter,
});

export type AppRouter = typeof appRouter;

/**
 * Server-side caller for tests and server components.
 * @example const tasks = createCaller(ctx); await tasks.tasks.get({ task_id });
 */
export const createCaller = createCallerFactory(appRouter);

export type RouterInputs = inferRouterInputs<AppRouter>;
export type RouterOutputs = inferRouterOutputs<AppRouter>;
