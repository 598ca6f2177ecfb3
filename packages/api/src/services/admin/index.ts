export { listOrganizations } from "./organizations";
export type { OrganizationSummary, TaskCounts } from "./organizations";
export { getQueueHealth } from "./queue-health";
export type { PendingByProject, QueueHealth } from "./queue-health";
export { listAllProjects, setWorkerRoles } from "./workforce";
export type { AdminProject } from "./workforce";
