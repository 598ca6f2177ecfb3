import { createTRPCRouter } from "../../trpc";
import { auditTaskProcedure, fixTaskProcedure } from "./audit";
import { cancelTaskProcedure } from "./cancel";
import { createTaskProcedure } from "./create";
import { createManyTasksProcedure } from "./create-many";
import { getTaskProcedure } from "./get";
import { taskHistoryProcedure } from "./history";
import { listTasksProcedure } from "./list";
import { setTaskMetadataProcedure } from "./set-metadata";
import { addTaskTagsProcedure, removeTaskTagsProcedure, setTaskTagsProcedure } from "./tags";
import { clearTaskUniqueIdProcedure, setTaskUniqueIdProcedure } from "./unique-id";

export const tasksRouter = createTRPCRouter({
  create: createTaskProcedure,
  createMany: createManyTasksProcedure,
  get: getTaskProcedure,
  list: listTasksProcedure,
  cancel: cancelTaskProcedure,
  setMetadata: setTaskMetadataProcedure,
  setTags: setTaskTagsProcedure,
  addTags: addTaskTagsProcedure,
  removeTags: removeTaskTagsProcedure,
  setUniqueId: setTaskUniqueIdProcedure,
  clearUniqueId: clearTaskUniqueIdProcedure,
  audit: auditTaskProcedure,
  fix: fixTaskProcedure,
  history: taskHistoryProcedure,
});
