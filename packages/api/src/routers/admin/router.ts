import {
  AdminProjectListSchema,
  OrganizationSummaryListSchema,
  QueueHealthSchema,
  SetWorkerRolesInputSchema,
  WorkerRolesSchema,
} from "@taskforge/schema";

import {
  getQueueHealth,
  listAllProjects,
  listOrganizations,
  setWorkerRoles,
} from "../../services/admin";
import { adminProcedure, createTRPCRouter } from "../../trpc";

/**
 * The installation seen by a platform admin, across every organization. Members and API keys get
 * `forbidden`/`unauthorized` (adminProcedure); tenant-scoped procedures stay where they are.
 */
export const adminRouter = createTRPCRouter({
  /** Every organization with its member count and task counts by status. */
  organizations: adminProcedure
    .output(OrganizationSummaryListSchema)
    .query(({ ctx }) => listOrganizations(ctx.db.prisma)),
  /** Pending work by project and type, leases, and the callback backlog. */
  queueHealth: adminProcedure
    .output(QueueHealthSchema)
    .query(({ ctx }) => getQueueHealth(ctx.db.prisma)),
  /** Every project, for naming and granting access on the workforce page. */
  projects: adminProcedure
    .output(AdminProjectListSchema)
    .query(({ ctx }) => listAllProjects(ctx.db.prisma)),
  /** Makes an account a Tasker and/or reviewer; project access is then granted with workforce.grant. */
  setWorkerRoles: adminProcedure
    .input(SetWorkerRolesInputSchema)
    .output(WorkerRolesSchema)
    .mutation(({ ctx, input }) => setWorkerRoles(ctx.db.prisma, input)),
});
