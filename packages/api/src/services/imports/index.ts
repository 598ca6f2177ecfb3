export { getImportJob, importErrorReport, listImportErrors, listImportJobs } from "./jobs";
export {
  IMPORT_CHUNK_LINES,
  MAX_STORED_IMPORT_ERRORS,
  maxImportBytes,
  runImport,
} from "./run-import";
export type { RunImportOptions } from "./run-import";
