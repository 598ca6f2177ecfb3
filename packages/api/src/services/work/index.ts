export { claimNext } from "./claim";
export { currentWork } from "./current";
export { heartbeat, reportProblem, returnAssignment, saveDraft, submitAssignment } from "./actions";
export { reviewTask } from "./review";
export { vacuumClaimQueue } from "./queue-upkeep";
export { expireLeases, startWorkJobs } from "./sweep";
export { workerStats } from "./stats";
export { eligibility, grantWork, listWorkforce, revokeGrant } from "./workforce";
export { withFetchableAttachments } from "./work-item";
export type { PlatformRole, Worker } from "./worker";
// The web app's workspace reads these types from here as well as from the schema package.
export type { WorkItem, WorkKind } from "@taskforge/schema";
