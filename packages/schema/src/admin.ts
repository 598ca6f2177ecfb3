import { z } from "zod";

import { PlatformRoleSchema } from "./accounts";
import { TimestampSchema } from "./common";
import { TaskStatusCountsSchema } from "./task-counts";

/** What a platform admin sees of the installation, across every organization. */

export const OrganizationSummarySchema = z.object({
  id: z.string(),
  name: z.string(),
  created_at: TimestampSchema,
  member_count: z.int(),
  owner_count: z.int(),
  /** Task counts by status, for the live and the test world separately (they are separate data). */
  live_tasks: TaskStatusCountsSchema,
  test_tasks: TaskStatusCountsSchema,
});
export type OrganizationSummary = z.infer<typeof OrganizationSummarySchema>;
export const OrganizationSummaryListSchema = z.array(OrganizationSummarySchema);

export const PendingByProjectSchema = z.object({
  /** Null for tasks created without a project. */
  project_id: z.string().nullable(),
  project_name: z.string().nullable(),
  /** Whether platform workers may take these tasks (the project opted in); false without a project. */
  platform_workforce: z.boolean(),
  organization_id: z.string(),
  organization_name: z.string(),
  is_test: z.boolean(),
  type: z.string(),
  pending: z.int(),
  /** Of `pending`, how many wait for a Tasker and how many for a reviewer. */
  annotate: z.int(),
  review: z.int(),
  oldest_created_at: TimestampSchema,
});
export type PendingByProject = z.infer<typeof PendingByProjectSchema>;

export const QueueHealthSchema = z.object({
  generated_at: TimestampSchema,
  pending_total: z.int(),
  oldest_pending_at: TimestampSchema.nullable(),
  oldest_pending_age_seconds: z.int().nullable(),
  pending_by_project: z.array(PendingByProjectSchema),
  /** Claimed assignments whose lease still runs. */
  active_leases: z.int(),
  /** Assignments still marked active although their lease ran out: the next sweep expires them. */
  expired_leases_awaiting_sweep: z.int(),
  callbacks: z.object({
    /** Deliveries not yet accepted by their receiver (due now or waiting for a retry). */
    pending: z.int(),
    /** Of those, the ones that already failed at least once and are being retried. */
    retrying: z.int(),
    /** Deliveries that gave up after their last retry. */
    failed: z.int(),
    oldest_pending_at: TimestampSchema.nullable(),
    oldest_pending_age_seconds: z.int().nullable(),
  }),
});
export type QueueHealth = z.infer<typeof QueueHealthSchema>;

/** A project as the workforce page names it, with its organization. */
export const AdminProjectSchema = z.object({
  id: z.string(),
  name: z.string(),
  type: z.string(),
  is_test: z.boolean(),
  archived: z.boolean(),
  organization_id: z.string(),
  organization_name: z.string(),
});
export type AdminProject = z.infer<typeof AdminProjectSchema>;
export const AdminProjectListSchema = z.array(AdminProjectSchema);

/** `admin.setWorkerRoles`: the account's platform roles now. */
export const WorkerRolesSchema = z.object({
  user_id: z.string(),
  roles: z.array(PlatformRoleSchema),
});
