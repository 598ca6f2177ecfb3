export { addAssignments, listAssignments, removeAssignments } from "./assignments";
export {
  assignStudioBatch,
  listStudioBatches,
  prioritizeBatch,
  resetStudioPriorities,
  setStudioPriorities,
} from "./batches";
export { createProjectGroup, listProjectGroups, updateProjectGroup } from "./groups";
