export { createTask, createTaskIds, createTasks, MAX_TASKS_PER_BULK_CREATE } from "./create-tasks";
export type { CreateTaskOptions } from "./create-tasks";
export { getTask } from "./get-task";
export { getTaskResponseFile } from "./response-file";
export { listTasks, taskListWhere } from "./list-tasks";
export {
  addTaskTags,
  cancelTask,
  clearTaskUniqueId,
  removeTaskTags,
  setTaskMetadata,
  setTaskTags,
  setTaskUniqueId,
} from "./update-task";
export { publicTaskSelect, toPublicTask } from "./task-mapper";
export { auditTask, fixTask } from "./audit-task";
