export { listOrganizations } from "./organizations";
export type { TaskCounts } from "./organizations";
export { getQueueHealth } from "./queue-health";
export { listAllProjects, setWorkerRoles } from "./workforce";
export type {
  AdminProject,
  OrganizationSummary,
  PendingByProject,
  QueueHealth,
} from "@taskforge/schema";
