export {
  createExportJob,
  exportDownloadResponse,
  getExportJob,
  listExportJobs,
  toPublicExportJob,
} from "./jobs";
export { exportsDirOf, runExportJob, startExportRunner } from "./runner";
export type { ExportRunner, ExportRunnerOptions } from "./runner";
export { claimExportJob } from "./store";
export type { ClaimedExport } from "./store";
