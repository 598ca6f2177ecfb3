import { createTRPCRouter } from "../../trpc";
import { auditTaskProcedure, fixTaskProcedure } from "./audit";
import { addTagsManyTasksProcedure, cancelManyTasksProcedure, getManyTasksProcedure } from "./bulk";
import { cancelTaskProcedure } from "./cancel";
import { createTaskProcedure } from "./create";
import { createManyTaskIdsProcedure, createManyTasksProcedure } from "./create-many";
import { getTaskProcedure } from "./get";
import { taskHistoryProcedure } from "./history";
import { listLimitedTasksProcedure, listTasksProcedure } from "./list";
import { taskResponseFileProcedure } from "./response-file";
import { setTaskMetadataProcedure } from "./set-metadata";
import { addTaskTagsProcedure, removeTaskTagsProcedure, setTaskTagsProcedure } from "./tags";
import { clearTaskUniqueIdProcedure, setTaskUniqueIdProcedure } from "./unique-id";

export const tasksRouter = createTRPCRouter({
  create: createTaskProcedure,
  createMany: createManyTasksProcedure,
  createManyIds: createManyTaskIdsProcedure,
  get: getTaskProcedure,
  getMany: getManyTasksProcedure,
  list: listTasksProcedure,
  listLimited: listLimitedTasksProcedure,
  cancel: cancelTaskProcedure,
  cancelMany: cancelManyTasksProcedure,
  setMetadata: setTaskMetadataProcedure,
  setTags: setTaskTagsProcedure,
  addTags: addTaskTagsProcedure,
  addTagsMany: addTagsManyTasksProcedure,
  removeTags: removeTaskTagsProcedure,
  setUniqueId: setTaskUniqueIdProcedure,
  clearUniqueId: clearTaskUniqueIdProcedure,
  audit: auditTaskProcedure,
  fix: fixTaskProcedure,
  history: taskHistoryProcedure,
  responseFile: taskResponseFileProcedure,
});
