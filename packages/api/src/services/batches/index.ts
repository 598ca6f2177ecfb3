export {
  createBatch,
  finalizeBatch,
  getBatch,
  getBatchStatus,
  listBatches,
  setBatchMetadata,
} from "./batches";
