export { claimNext } from "./claim";
export { currentWork } from "./current";
export {
  AssignmentInputSchema,
  DraftInputSchema,
  heartbeat,
  PROBLEM_REASONS,
  ReportInputSchema,
  reportProblem,
  returnAssignment,
  saveDraft,
  SkipInputSchema,
  submitAssignment,
  SubmitInputSchema,
} from "./actions";
export { reviewTask, ReviewInputSchema } from "./review";
export type { ReviewInput } from "./review";
export { vacuumClaimQueue } from "./queue-upkeep";
export { expireLeases, startWorkJobs } from "./sweep";
export { workerStats, WorkerStatsInputSchema, WorkerStatsSchema } from "./stats";
export type { WorkerStats } from "./stats";
export {
  eligibility,
  grantWork,
  GrantWorkInputSchema,
  listWorkforce,
  revokeGrant,
} from "./workforce";
export type { GrantWorkInput } from "./workforce";
export { withFetchableAttachments, WorkItemSchema } from "./work-item";
export type { WorkItem } from "./work-item";
export type { PlatformRole, Worker, WorkKind } from "./worker";
